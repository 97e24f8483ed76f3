# lossdrill: ex19
# Mistake: a single coin for the whole batch.
import numpy as np


def random_flip(images, rng):
    images = np.array(images)
    if rng.random() < 0.5:
        return images[..., ::-1].copy()
    return images


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=float)
    return x + sigma * rng.standard_normal(x.shape)

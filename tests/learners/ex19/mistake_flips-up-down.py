# lossdrill: ex19
# Mistake: np.fliplr applied to the whole 3-D batch reverses axis 1, the rows.
import numpy as np


def random_flip(images, rng):
    images = np.asarray(images)
    flipped = np.fliplr(images)
    flip = rng.random(len(images)) < 0.5
    return np.where(flip[:, None, None], flipped, images)


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=float)
    return x + sigma * rng.standard_normal(x.shape)

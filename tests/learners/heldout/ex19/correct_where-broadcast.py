# lossdrill: ex19
# heldout: correct — flips with np.where over a (N, 1, 1) mask; noise with rng.normal(0, σ, shape), the same draws as σ·standard_normal
import numpy as np


def random_flip(images, rng):
    batch = np.asarray(images)
    flip = rng.random(batch.shape[0]) < 0.5
    return np.where(flip[:, np.newaxis, np.newaxis], np.flip(batch, axis=2), batch)


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    return x + rng.normal(0.0, sigma, x.shape)

# lossdrill: ex19
"""Flips with np.where over a broadcast mask; noise with rng.normal(0, sigma, shape)."""
import numpy as np


def random_flip(images, rng):
    images = np.asarray(images)
    flip = rng.random(images.shape[0]) < 0.5
    return np.where(flip[:, None, None], images[:, :, ::-1], images)


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    return x + rng.normal(0.0, sigma, size=x.shape)

# lossdrill: ex19
# heldout: uniform-noise — draws the "Gaussian" noise with a uniform generator (a rand_like slip), so the noise is uniform on [0, 1) times σ
import numpy as np


def random_flip(images, rng):
    images = np.asarray(images)
    flips = rng.random(images.shape[0]) < 0.5
    out = images.copy()
    out[flips] = np.flip(images[flips], axis=-1)
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    noise = rng.random(x.shape)
    return x + sigma * noise

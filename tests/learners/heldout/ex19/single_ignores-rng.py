# lossdrill: ex19
# heldout: ignores-rng — draws the noise with np.random.standard_normal, the global generator, instead of the rng it was given
import numpy as np


def random_flip(images, rng):
    images = np.asarray(images)
    flip = rng.random(images.shape[0]) < 0.5
    out = images.copy()
    out[flip] = out[flip][:, :, ::-1]
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    return x + sigma * np.random.standard_normal(x.shape)

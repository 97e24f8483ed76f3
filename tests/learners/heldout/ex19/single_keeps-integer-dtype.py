# lossdrill: ex19
# heldout: keeps-integer-dtype — casts the noisy result back to x's dtype, so integer input loses the noise (and float32 its digits)
import numpy as np


def random_flip(images, rng):
    images = np.asarray(images)
    flip = rng.random(len(images)) < 0.5
    return np.where(flip[:, None, None], images[:, :, ::-1], images)


def add_noise(x, sigma, rng):
    x = np.asarray(x)
    noisy = x + sigma * rng.standard_normal(x.shape)
    return noisy.astype(x.dtype)

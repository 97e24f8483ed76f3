# lossdrill: ex19
# heldout: clips-noisy-output — clips the noisy image to the pixel range [0, 1], as image-augmentation helpers do, which the contract does not ask for
import numpy as np


def random_flip(images, rng):
    images = np.asarray(images)
    flips = rng.random(images.shape[0]) < 0.5
    out = images.copy()
    out[flips] = images[flips, :, ::-1]
    return out


def add_noise(x, sigma, rng):
    img = np.asarray(x, dtype=np.float64)
    noise = rng.normal(0, sigma, size=img.shape)
    return np.clip(img + noise, 0, 1)

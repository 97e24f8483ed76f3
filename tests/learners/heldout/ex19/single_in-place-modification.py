# lossdrill: ex19
# heldout: in-place-modification — flips the chosen images inside the array it was given instead of flipping a copy
import numpy as np


def random_flip(images, rng):
    batch = np.asarray(images)
    flip = rng.random(batch.shape[0]) < 0.5
    for i in np.flatnonzero(flip):
        batch[i] = batch[i, :, ::-1].copy()
    return batch


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    return x + sigma * rng.standard_normal(x.shape)

# lossdrill: ex19
# Mistake: sigma treated as a variance-like factor: the noise is scaled by sigma².
import numpy as np


def random_flip(images, rng):
    out = np.array(images)
    flip = rng.random(len(out)) < 0.5
    out[flip] = out[flip, :, ::-1]
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=float)
    variance = sigma ** 2
    return x + variance * rng.standard_normal(x.shape)

# lossdrill: ex19
# heldout: flip-draw-from-integers — decides the flips with rng.integers(0, 2, N), a fair coin but not the draws rng.random(N) < 0.5 gives
import numpy as np


def random_flip(images, rng):
    images = np.asarray(images)
    coin = rng.integers(0, 2, size=images.shape[0])
    out = images.copy()
    for i in range(images.shape[0]):
        if coin[i] == 1:
            out[i] = images[i][:, ::-1]
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    return x + sigma * rng.standard_normal(x.shape)

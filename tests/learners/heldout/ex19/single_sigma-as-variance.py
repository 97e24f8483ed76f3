# lossdrill: ex19
# heldout: sigma-as-variance — treats sigma as a variance and scales the draws by √σ
import numpy as np


def random_flip(images, rng):
    images = np.asarray(images)
    flip = rng.random(images.shape[0]) < 0.5
    out = images.copy()
    out[flip] = out[flip][:, :, ::-1]
    return out


def add_noise(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    return x + np.sqrt(sigma) * rng.standard_normal(x.shape)

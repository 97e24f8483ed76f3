"""Reference solution for ex19 (data augmentation: random flips and Gaussian noise) and the
mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.
The learner and the reference each receive a fresh generator with the same seed, so the same
calls draw the same numbers.
"""

import numpy as np


def random_flip(images, rng):
    """Flip image i of a (N, H, W) batch left–right where rng.random(N)[i] < 0.5."""
    # A flip moves values without computing anything, so the dtype is kept (uint8 pixels
    # stay uint8); np.array copies, so the caller's batch is not modified.
    images = np.array(images)
    n = images.shape[0]
    # One draw per image, all in one call: each image is flipped with probability ½.
    flip = rng.random(n) < 0.5
    # Axis 0 is the batch, 1 the rows (height), 2 the columns (width): left–right reverses
    # the columns. A horizontal mirror keeps the label of most natural images (a cat facing
    # left is still a cat); an up–down flip usually does not.
    images[flip] = images[flip][:, :, ::-1]
    return images


def add_noise(x, sigma, rng):
    """x + sigma·z with z = rng.standard_normal(x.shape): Gaussian noise of standard deviation
    sigma."""
    x = np.asarray(x, dtype=np.float64)
    # sigma is a standard deviation: the noise is scaled by sigma, not by its square.
    return x + sigma * rng.standard_normal(x.shape)


# --- Mistakes: each is the reference with one change -------------------------------------


def _flips_up_down(images, rng):
    # np.fliplr on a (N, H, W) batch reverses axis 1, the rows: an up–down flip.
    images = np.array(images)
    flip = rng.random(images.shape[0]) < 0.5
    images[flip] = images[flip][:, ::-1, :]
    return images


def _flips_both_axes(images, rng):
    # np.flip(image) without an axis reverses every axis: a 180° rotation.
    images = np.array(images)
    flip = rng.random(images.shape[0]) < 0.5
    images[flip] = images[flip][:, ::-1, ::-1]
    return images


def _flips_where_ge_half(images, rng):
    images = np.array(images)
    flip = rng.random(images.shape[0]) >= 0.5
    images[flip] = images[flip][:, :, ::-1]
    return images


def _flips_whole_batch(images, rng):
    # One number for the whole batch: every image flipped, or none.
    images = np.array(images)
    if rng.random() < 0.5:
        images = images[:, :, ::-1].copy()
    return images


def _noise_sigma_squared(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    return x + sigma**2 * rng.standard_normal(x.shape)


def _noise_unscaled(x, sigma, rng):
    x = np.asarray(x, dtype=np.float64)
    return x + rng.standard_normal(x.shape)


def _normal_sigma_as_loc(x, sigma, rng):
    # rng.normal(loc=0.0, scale=1.0, size=None): a single positional argument is the mean.
    x = np.asarray(x, dtype=np.float64)
    return x + rng.normal(sigma, size=x.shape)


def _noise_one_value(x, sigma, rng):
    # No shape: one number, the same shift for every element.
    x = np.asarray(x, dtype=np.float64)
    return x + sigma * rng.standard_normal()


MISTAKES = {
    "flips-up-down": {"random_flip": _flips_up_down},
    "flips-both-axes": {"random_flip": _flips_both_axes},
    "flips-where-ge-half": {"random_flip": _flips_where_ge_half},
    "flips-whole-batch": {"random_flip": _flips_whole_batch},
    "noise-sigma-squared": {"add_noise": _noise_sigma_squared},
    "noise-unscaled": {"add_noise": _noise_unscaled},
    "normal-sigma-as-loc": {"add_noise": _normal_sigma_as_loc},
    "noise-one-value": {"add_noise": _noise_one_value},
}

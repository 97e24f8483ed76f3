# lossdrill: ex19
"""Plain Python lists: reversed rows for the flips, one standard normal per element."""


def _tolist(a):
    return a.tolist() if hasattr(a, "tolist") else a


def random_flip(images, rng):
    images = _tolist(images)
    draws = rng.random(len(images))
    return [[row[::-1] for row in image] if draw < 0.5 else [list(row) for row in image]
            for image, draw in zip(images, draws)]


def _noisy(value, sigma, rng):
    if isinstance(value, list):
        return [_noisy(v, sigma, rng) for v in value]
    return float(value) + sigma * float(rng.standard_normal())


def add_noise(x, sigma, rng):
    return _noisy(_tolist(x), sigma, rng)

# lossdrill: ex21
"""Contrastive loss in plain Python, one pair at a time."""


def _as_list(x):
    return x.tolist() if hasattr(x, "tolist") else list(x)


def contrastive_loss(distance, same, margin=1.0):
    total = 0.0
    pairs = list(zip(_as_list(distance), _as_list(same)))
    for d, s in pairs:
        d, s = float(d), float(s)
        if s == 1.0:
            total += 0.5 * d**2
        else:
            total += 0.5 * max(0.0, margin - d) ** 2
    return total / len(pairs)

# lossdrill: ex26
# heldout: corrects-m-only — Adam's bias correction is applied to the first moment only; v is used uncorrected
import numpy as np


def _as_float(*arrays):
    out = [np.array(a, dtype=np.float64) for a in arrays]
    if len({a.shape for a in out}) != 1:
        raise ValueError("w, grad and the state must all have one shape")
    return out


def _ema(old, new, decay):
    """decay·old + (1 − decay)·new"""
    return decay * old + (1.0 - decay) * new


def _in_unit_interval(*values):
    for value in values:
        if not 0.0 <= value < 1.0:
            raise ValueError("decays must be in [0, 1)")


def sgd_momentum_step(w, grad, velocity, lr=0.01, momentum=0.9, nesterov=False):
    w, grad, old = _as_float(w, grad, velocity)
    if lr <= 0:
        raise ValueError("lr must be positive")
    _in_unit_interval(momentum)
    new = momentum * old - lr * grad
    if nesterov:
        # Bengio et al.'s form of the same step: w + μ·v_new − lr·g, with −lr·g = v_new − μ·v_old.
        return w + (1.0 + momentum) * new - momentum * old, new
    return w + new, new


def rmsprop_step(w, grad, sq_avg, lr=0.001, rho=0.9, eps=1e-8):
    w, grad, sq_avg = _as_float(w, grad, sq_avg)
    if lr <= 0:
        raise ValueError("lr must be positive")
    _in_unit_interval(rho)
    sq_avg = _ema(sq_avg, np.square(grad), rho)
    return w - lr * grad / (np.sqrt(sq_avg) + eps), sq_avg


def adam_step(w, grad, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    w, grad, m, v = _as_float(w, grad, m, v)
    if t < 1:
        raise ValueError("the first step is t = 1")
    if lr <= 0:
        raise ValueError("lr must be positive")
    _in_unit_interval(beta1, beta2)
    m = _ema(m, grad, beta1)
    v = _ema(v, np.square(grad), beta2)
    step = lr * (m / (1.0 - beta1**t)) / (np.sqrt(v) + eps)
    return w - step, m, v

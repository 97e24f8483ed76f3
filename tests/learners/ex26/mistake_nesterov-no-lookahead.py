# lossdrill: ex26
# Mistake nesterov-no-lookahead: nesterov=True takes the same step as classical momentum.
import numpy as np


def _floats(w, *rest):
    arrays = [np.asarray(w, dtype=float)] + [np.asarray(a, dtype=float) for a in rest]
    if any(a.shape != arrays[0].shape for a in arrays):
        raise ValueError("every array must have the shape of w")
    return arrays


def sgd_momentum_step(w, grad, velocity, lr=0.01, momentum=0.9, nesterov=False):
    w, grad, velocity = _floats(w, grad, velocity)
    if lr <= 0 or momentum < 0 or momentum >= 1:
        raise ValueError("lr must be > 0 and momentum in [0, 1)")
    new_velocity = momentum * velocity - lr * grad
    new_w = w + new_velocity
    return new_w, new_velocity


def rmsprop_step(w, grad, sq_avg, lr=0.001, rho=0.9, eps=1e-8):
    w, grad, sq_avg = _floats(w, grad, sq_avg)
    if lr <= 0 or rho < 0 or rho >= 1:
        raise ValueError("lr must be > 0 and rho in [0, 1)")
    sq_avg = rho * sq_avg + (1 - rho) * grad**2
    return w - lr * grad / (np.sqrt(sq_avg) + eps), sq_avg


def adam_step(w, grad, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    w, grad, m, v = _floats(w, grad, m, v)
    if t < 1:
        raise ValueError("t starts at 1")
    if lr <= 0 or not (0 <= beta1 < 1 and 0 <= beta2 < 1):
        raise ValueError("lr must be > 0 and the betas in [0, 1)")
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v

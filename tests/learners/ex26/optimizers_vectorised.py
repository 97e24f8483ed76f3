# lossdrill: ex26
"""A correct solution, written with whole-array NumPy operations."""
import numpy as np


def _arrays(w, *others):
    w = np.asarray(w, dtype=float)
    out = [w]
    for a in others:
        a = np.asarray(a, dtype=float)
        if a.shape != w.shape:
            raise ValueError("shape mismatch")
        out.append(a)
    return out


def sgd_momentum_step(w, grad, velocity, lr=0.01, momentum=0.9, nesterov=False):
    w, grad, velocity = _arrays(w, grad, velocity)
    if lr <= 0 or not 0 <= momentum < 1:
        raise ValueError("bad hyperparameters")
    velocity = momentum * velocity - lr * grad
    if nesterov:
        w = w + momentum * velocity - lr * grad
    else:
        w = w + velocity
    return w, velocity


def rmsprop_step(w, grad, sq_avg, lr=0.001, rho=0.9, eps=1e-8):
    w, grad, sq_avg = _arrays(w, grad, sq_avg)
    if lr <= 0 or not 0 <= rho < 1:
        raise ValueError("bad hyperparameters")
    sq_avg = rho * sq_avg + (1 - rho) * grad**2
    return w - lr * grad / (np.sqrt(sq_avg) + eps), sq_avg


def adam_step(w, grad, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    w, grad, m, v = _arrays(w, grad, m, v)
    if t < 1:
        raise ValueError("t counts from 1")
    if lr <= 0 or not 0 <= beta1 < 1 or not 0 <= beta2 < 1:
        raise ValueError("bad hyperparameters")
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v

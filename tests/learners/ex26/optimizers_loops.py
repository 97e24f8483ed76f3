# lossdrill: ex26
"""A correct solution, written with an explicit loop over the weights (np.ndindex reaches
every element of an array of any shape)."""
import math

import numpy as np


def _same_shape(w, *others):
    for other in others:
        if np.shape(other) != np.shape(w):
            raise ValueError(f"expected shape {np.shape(w)}, got {np.shape(other)}")


def sgd_momentum_step(w, grad, velocity, lr=0.01, momentum=0.9, nesterov=False):
    _same_shape(w, grad, velocity)
    if not lr > 0:
        raise ValueError("lr must be positive")
    if momentum < 0 or momentum >= 1:
        raise ValueError("momentum must be in [0, 1)")
    w = np.asarray(w, dtype=np.float64)
    new_w = np.zeros(w.shape)
    new_v = np.zeros(w.shape)
    for i in np.ndindex(w.shape):
        g = float(np.asarray(grad)[i])
        vel = momentum * float(np.asarray(velocity)[i]) - lr * g
        new_v[i] = vel
        if nesterov:
            new_w[i] = w[i] + momentum * vel - lr * g
        else:
            new_w[i] = w[i] + vel
    return new_w, new_v


def rmsprop_step(w, grad, sq_avg, lr=0.001, rho=0.9, eps=1e-8):
    _same_shape(w, grad, sq_avg)
    if not lr > 0:
        raise ValueError("lr must be positive")
    if rho < 0 or rho >= 1:
        raise ValueError("rho must be in [0, 1)")
    w = np.asarray(w, dtype=np.float64)
    new_w = np.zeros(w.shape)
    new_s = np.zeros(w.shape)
    for i in np.ndindex(w.shape):
        g = float(np.asarray(grad)[i])
        s = rho * float(np.asarray(sq_avg)[i]) + (1 - rho) * g * g
        new_s[i] = s
        new_w[i] = w[i] - lr * g / (math.sqrt(s) + eps)
    return new_w, new_s


def adam_step(w, grad, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    _same_shape(w, grad, m, v)
    if t < 1:
        raise ValueError("t must be at least 1")
    if not lr > 0:
        raise ValueError("lr must be positive")
    for beta in (beta1, beta2):
        if beta < 0 or beta >= 1:
            raise ValueError("betas must be in [0, 1)")
    w = np.asarray(w, dtype=np.float64)
    new_w, new_m, new_v = np.zeros(w.shape), np.zeros(w.shape), np.zeros(w.shape)
    for i in np.ndindex(w.shape):
        g = float(np.asarray(grad)[i])
        mi = beta1 * float(np.asarray(m)[i]) + (1 - beta1) * g
        vi = beta2 * float(np.asarray(v)[i]) + (1 - beta2) * g * g
        m_hat = mi / (1 - beta1**t)
        v_hat = vi / (1 - beta2**t)
        new_w[i] = w[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
        new_m[i], new_v[i] = mi, vi
    return new_w, new_m, new_v

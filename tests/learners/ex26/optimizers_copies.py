# lossdrill: ex26
"""A correct solution that updates copies in place: np.array(x, dtype=float) always copies,
so the arrays the caller passed are never touched. The Nesterov step is written in its
expanded form, w + momentum²·v_old − (1 + momentum)·lr·g."""
import numpy as np


def _check(w, *others):
    for x in others:
        if np.shape(x) != np.shape(w):
            raise ValueError("all arrays must have the shape of w")


def sgd_momentum_step(w, grad, velocity, lr=0.01, momentum=0.9, nesterov=False):
    _check(w, grad, velocity)
    if lr <= 0:
        raise ValueError("lr <= 0")
    if not 0.0 <= momentum < 1.0:
        raise ValueError("momentum outside [0, 1)")
    g = np.array(grad, dtype=float)
    old = np.array(velocity, dtype=float)
    new_w = np.array(w, dtype=float)
    vel = old * momentum
    vel -= lr * g
    if nesterov:
        new_w += momentum * momentum * old
        new_w -= (1.0 + momentum) * lr * g
    else:
        new_w += vel
    return new_w, vel


def rmsprop_step(w, grad, sq_avg, lr=0.001, rho=0.9, eps=1e-8):
    _check(w, grad, sq_avg)
    if lr <= 0:
        raise ValueError("lr <= 0")
    if not 0.0 <= rho < 1.0:
        raise ValueError("rho outside [0, 1)")
    g = np.array(grad, dtype=float)
    s = np.array(sq_avg, dtype=float)
    s *= rho
    s += (1.0 - rho) * np.square(g)
    new_w = np.array(w, dtype=float)
    new_w -= lr * g / (np.sqrt(s) + eps)
    return new_w, s


def adam_step(w, grad, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    _check(w, grad, m, v)
    if t < 1:
        raise ValueError("t < 1")
    if lr <= 0:
        raise ValueError("lr <= 0")
    if not (0.0 <= beta1 < 1.0 and 0.0 <= beta2 < 1.0):
        raise ValueError("betas outside [0, 1)")
    g = np.array(grad, dtype=float)
    new_m = np.array(m, dtype=float)
    new_m *= beta1
    new_m += (1.0 - beta1) * g
    new_v = np.array(v, dtype=float)
    new_v *= beta2
    new_v += (1.0 - beta2) * g * g
    step = (new_m / (1.0 - beta1**t)) / (np.sqrt(new_v / (1.0 - beta2**t)) + eps)
    new_w = np.array(w, dtype=float)
    new_w -= lr * step
    return new_w, new_m, new_v

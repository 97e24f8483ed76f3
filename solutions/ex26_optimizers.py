"""Reference solution for ex26 (one step each of SGD with momentum, Nesterov's momentum,
RMSprop and Adam) and the mistakes lossdrill diagnoses.

The grader calls the reference for expected values, and each variant in MISTAKES to recognise
what a failing learner most likely did. A variant is the reference with one thing changed.

Every step is pure: it reads the weights, the gradient and the optimiser's state, and returns
new arrays. The caller keeps the state between steps (the grader's race does), which is what
lets one function serve every weight matrix of a model.
"""

import numpy as np


def _checked(w, grad, **state):
    """w, grad and the state arrays as float64, refused unless they all have w's shape: NumPy
    would broadcast a (1,) velocity over any w, sharing one state between all the weights."""
    w = np.asarray(w, dtype=np.float64)
    arrays = [w]
    for name, value in {"grad": grad, **state}.items():
        a = np.asarray(value, dtype=np.float64)
        if a.shape != w.shape:
            raise ValueError(f"w has shape {w.shape} but {name} has shape {a.shape}; "
                             "they must be the same")
        arrays.append(a)
    return arrays


def _check_lr(lr):
    if not lr > 0:
        raise ValueError(f"lr must be positive, got {lr}")


def _check_decay(name, value):
    # A decay of 1 never forgets (and makes Adam's bias correction divide by 0); a negative
    # one is not an average.
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value}")


def _check_t(t):
    # 1 − β^t is 0 at t = 0: the bias correction needs the number of steps taken, this one
    # included.
    if not t >= 1:
        raise ValueError(f"t is the number of this step, counted from 1; got {t}")


def sgd_momentum_step(w, grad, velocity, lr=0.01, momentum=0.9, nesterov=False):
    """One step of SGD with momentum (Nesterov's if asked); returns (w, velocity)."""
    w, grad, velocity = _checked(w, grad, velocity=velocity)
    _check_lr(lr)
    _check_decay("momentum", momentum)
    # The velocity is the step itself: the previous step, decayed, plus this gradient's.
    velocity = momentum * velocity - lr * grad
    if nesterov:
        # Nesterov looks ahead: the step goes where the velocity will carry w next
        # (momentum·velocity), then applies the gradient from there.
        return w + momentum * velocity - lr * grad, velocity
    return w + velocity, velocity


def rmsprop_step(w, grad, sq_avg, lr=0.001, rho=0.9, eps=1e-8):
    """One step of RMSprop; returns (w, sq_avg)."""
    w, grad, sq_avg = _checked(w, grad, sq_avg=sq_avg)
    _check_lr(lr)
    _check_decay("rho", rho)
    # A running average of the squared gradient, per weight: its root is the gradient's
    # typical size, and dividing by it gives every weight a step of about lr.
    sq_avg = rho * sq_avg + (1.0 - rho) * grad**2
    # eps is added to the root, outside it: a weight whose gradient has always been 0 then
    # takes the step 0/eps = 0, not 0/0.
    return w - lr * grad / (np.sqrt(sq_avg) + eps), sq_avg


def adam_step(w, grad, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """One step of Adam with bias correction (t = 1 for the first step); returns (w, m, v)."""
    w, grad, m, v = _checked(w, grad, m=m, v=v)
    _check_t(t)
    _check_lr(lr)
    _check_decay("beta1", beta1)
    _check_decay("beta2", beta2)
    m = beta1 * m + (1.0 - beta1) * grad
    v = beta2 * v + (1.0 - beta2) * grad**2
    # m and v start at 0, so after t steps they hold only (1 − β^t) of the averages they
    # estimate: divide that out. The state returned stays uncorrected, for the next step.
    m_hat = m / (1.0 - beta1**t)
    v_hat = v / (1.0 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


# --- Mistakes: each is the reference with one change -------------------------------------


def _momentum_wrong_sign(w, grad, velocity, lr=0.01, momentum=0.9, nesterov=False):
    w, grad, velocity = _checked(w, grad, velocity=velocity)
    _check_lr(lr)
    _check_decay("momentum", momentum)
    # The other convention (velocity = μ·v + lr·g, subtracted from w), fed the statement's
    # velocity: the momentum term now pushes backwards.
    velocity = momentum * velocity + lr * grad
    if nesterov:
        return w - momentum * velocity - lr * grad, velocity
    return w - velocity, velocity


def _momentum_as_average(w, grad, velocity, lr=0.01, momentum=0.9, nesterov=False):
    w, grad, velocity = _checked(w, grad, velocity=velocity)
    _check_lr(lr)
    _check_decay("momentum", momentum)
    velocity = momentum * velocity - (1.0 - momentum) * lr * grad  # an average, as Adam's m
    if nesterov:
        return w + momentum * velocity - lr * grad, velocity
    return w + velocity, velocity


def _nesterov_no_lookahead(w, grad, velocity, lr=0.01, momentum=0.9, nesterov=False):
    w, grad, velocity = _checked(w, grad, velocity=velocity)
    _check_lr(lr)
    _check_decay("momentum", momentum)
    velocity = momentum * velocity - lr * grad
    return w + velocity, velocity  # nesterov=True is ignored


def _rmsprop_eps_inside_sqrt(w, grad, sq_avg, lr=0.001, rho=0.9, eps=1e-8):
    w, grad, sq_avg = _checked(w, grad, sq_avg=sq_avg)
    _check_lr(lr)
    _check_decay("rho", rho)
    sq_avg = rho * sq_avg + (1.0 - rho) * grad**2
    return w - lr * grad / np.sqrt(sq_avg + eps), sq_avg


def _rmsprop_no_sqrt(w, grad, sq_avg, lr=0.001, rho=0.9, eps=1e-8):
    w, grad, sq_avg = _checked(w, grad, sq_avg=sq_avg)
    _check_lr(lr)
    _check_decay("rho", rho)
    sq_avg = rho * sq_avg + (1.0 - rho) * grad**2
    return w - lr * grad / (sq_avg + eps), sq_avg


def _rmsprop_weights_swapped(w, grad, sq_avg, lr=0.001, rho=0.9, eps=1e-8):
    w, grad, sq_avg = _checked(w, grad, sq_avg=sq_avg)
    _check_lr(lr)
    _check_decay("rho", rho)
    sq_avg = (1.0 - rho) * sq_avg + rho * grad**2  # rho on the new gradient
    return w - lr * grad / (np.sqrt(sq_avg) + eps), sq_avg


def _adam_variant(*, correct=True, return_corrected=False, t_offset=0):
    def adam(w, grad, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        w, grad, m, v = _checked(w, grad, m=m, v=v)
        _check_t(t + t_offset)
        _check_lr(lr)
        _check_decay("beta1", beta1)
        _check_decay("beta2", beta2)
        m = beta1 * m + (1.0 - beta1) * grad
        v = beta2 * v + (1.0 - beta2) * grad**2
        if correct:
            m_hat = m / (1.0 - beta1 ** (t + t_offset))
            v_hat = v / (1.0 - beta2 ** (t + t_offset))
        else:
            m_hat, v_hat = m, v
        w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
        return (w, m_hat, v_hat) if return_corrected else (w, m, v)
    return adam


MISTAKES = {
    "momentum-wrong-sign": {"sgd_momentum_step": _momentum_wrong_sign},
    "momentum-as-average": {"sgd_momentum_step": _momentum_as_average},
    "nesterov-no-lookahead": {"sgd_momentum_step": _nesterov_no_lookahead},
    "rmsprop-eps-inside-sqrt": {"rmsprop_step": _rmsprop_eps_inside_sqrt},
    "rmsprop-no-sqrt": {"rmsprop_step": _rmsprop_no_sqrt},
    "rmsprop-weights-swapped": {"rmsprop_step": _rmsprop_weights_swapped},
    "no-bias-correction": {"adam_step": _adam_variant(correct=False)},
    "returns-corrected-moments": {"adam_step": _adam_variant(return_corrected=True)},
    # t taken as the number of steps before this one: β^(t+1) in the correction, and t = 0
    # accepted.
    "t-counts-from-zero": {"adam_step": _adam_variant(t_offset=1)},
}

# lossdrill: ex13
# heldout: ignores-margin — the classic naive loop over classes with "scores[j] - correct_class_score + 1": the margin is a literal 1
import numpy as np


def multiclass_hinge(scores, labels, margin=1.0):
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels)
    num_train, num_classes = scores.shape
    loss = 0.0
    for i in range(num_train):
        correct_class_score = scores[i, labels[i]]
        for j in range(num_classes):
            if j == labels[i]:
                continue
            m = scores[i, j] - correct_class_score + 1
            if m > 0:
                loss += m
    loss /= num_train
    return loss

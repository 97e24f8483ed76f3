# lossdrill: ex13
"""Weston-Watkins multiclass hinge with two nested loops, as in CS231n's svm_loss_naive."""


def multiclass_hinge(scores, labels, margin=1.0):
    rows = [[float(v) for v in row] for row in scores]
    total = 0.0
    for row, label in zip(rows, labels):
        label = int(label)
        for j, score in enumerate(row):
            if j == label:
                continue
            violation = score - row[label] + margin
            if violation > 0:
                total += violation
    return total / len(rows)

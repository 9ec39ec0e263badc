"""scikit-learn's metrics of R's multinom fit of plans.csv, the reference for `bernoulli evaluate`.

The probabilities are the softmax of R's polished estimate in plans.json (independent of Bernoulli);
the metrics are scikit-learn's (1.9): log_loss, accuracy_score, confusion_matrix,
precision_recall_fscore_support (per class, macro, weighted; zero_division=0), roc_auc_score of
each class against the rest, and the multi-class Brier score. Run from this directory:
    python metrics_reference.py ../../../data/multinomial/plans.csv > plans_metrics.json
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import (accuracy_score, confusion_matrix, log_loss, precision_recall_fscore_support,
                             roc_auc_score)

data = pd.read_csv(sys.argv[1])
ref = json.load(open("plans.json"))
classes = ref["classes"]
X = np.column_stack([np.ones(len(data)), data["age"], data["spend"], data["channel"] == "store",
                     data["channel"] == "web"]).astype(float)
eta = np.column_stack([np.zeros(len(data))] + [X @ np.array(b) for b in ref["estimate"]])
eta -= eta.max(axis=1, keepdims=True)
p = np.exp(eta)
p /= p.sum(axis=1, keepdims=True)
y = data["plan"].map({c: k for k, c in enumerate(classes)}).to_numpy()
predicted = p.argmax(axis=1)
onehot = np.eye(len(classes))[y]
precision, recall, f1, support = precision_recall_fscore_support(y, predicted, labels=range(len(classes)),
                                                                 zero_division=0)
auc = [roc_auc_score(y == k, p[:, k]) for k in range(len(classes))]
out = {
    "classes": classes,
    "logLoss": log_loss(y, p, labels=range(len(classes))),
    "brierScore": float(np.mean(np.sum((p - onehot) ** 2, axis=1))),
    "accuracy": accuracy_score(y, predicted),
    "confusion": confusion_matrix(y, predicted, labels=range(len(classes))).tolist(),
    "precision": precision.tolist(), "recall": recall.tolist(), "f1": f1.tolist(),
    "support": support.tolist(), "areaUnderROC": auc,
}
for average in ("macro", "weighted"):
    pr, rc, f, _ = precision_recall_fscore_support(y, predicted, average=average, zero_division=0)
    out[average] = {"precision": pr, "recall": rc, "f1": f,
                    "areaUnderROC": roc_auc_score(y, p, multi_class="ovr", average=average)}
json.dump(out, sys.stdout, indent=1)

"""Known answers of test/tukey-hsd.test.ts, computed with scipy 1.17.1 and numpy (python3 test/tukey-reference.py).

scipy has no paired (two-way, query x system) Tukey HSD, so that one is computed explicitly here: the residual
mean square V_E of the ANOVA without replication with numpy, then scipy.stats.studentized_range for the p-values
and the critical value, scipy.stats.f for the F test. scipy's studentized_range.sf is 1 - cdf with an absolute
tolerance of 1e-11, so its small p-values are good to about 1e-11 absolute only.
"""
import json
import numpy as np
from scipy import stats


def matrix(values):
    return [[float(v) for v in row] for row in np.asarray(values)]


def paired(scores):
    x = np.asarray(scores, float)
    n, m = x.shape
    column, row, grand = x.mean(0), x.mean(1), x.mean()
    residual = x - row[:, None] - column[None, :] + grand
    df = (n - 1) * (m - 1)
    ve = float((residual ** 2).sum() / df)
    se = np.sqrt(ve / n)
    q = np.abs(column[:, None] - column[None, :]) / se
    f = (n * ((column - grand) ** 2).sum() / (m - 1)) / ve
    return {"meanSquareError": ve, "degreesOfFreedom": df, "pValue": matrix(stats.studentized_range.sf(q, m, df)),
            "fStatistic": float(f), "fPValue": float(stats.f.sf(f, m - 1, df)),
            "criticalValue95": float(stats.studentized_range.ppf(0.95, m, df))}


def unpaired(groups, equal_var=True):
    result = stats.tukey_hsd(*groups, equal_var=equal_var)
    ci = result.confidence_interval(0.95)
    return {"statistic": matrix(result.statistic), "pValue": matrix(result.pvalue),
            "lower": matrix(ci.low), "upper": matrix(ci.high)}


# scipy's documentation example of tukey_hsd.
docs = [[24.5, 23.5, 26.4, 27.1, 29.9], [28.4, 34.2, 29.5, 32.2, 30.1], [26.1, 28.3, 24.3, 26.2, 27.8]]
# Unequal sizes: Tukey-Kramer, and Games-Howell.
unequal = [[24.5, 23.5, 26.4, 27.1, 29.9], [28.4, 34.2, 29.5, 32.2, 30.1], [26.1, 28.3, 24.3, 26.2, 27.8, 30.0]]
# ref_tests.json's three systems (A, B, C) as query rows, and a 8-query x 5-system case.
abc = [[0.421, 0.489, 0.509], [0.31, 0.305, 0.325], [0.555, 0.627, 0.647], [0.2, 0.271, 0.291],
       [0.612, 0.648, 0.668], [0.48, 0.55, 0.57], [0.333, 0.315, 0.335], [0.701, 0.792, 0.812],
       [0.15, 0.23, 0.25], [0.52, 0.541, 0.561]]
five = [[0.52, 0.61, 0.48, 0.70, 0.55], [0.31, 0.35, 0.30, 0.44, 0.29], [0.77, 0.80, 0.71, 0.86, 0.75],
        [0.12, 0.25, 0.15, 0.20, 0.18], [0.45, 0.47, 0.52, 0.58, 0.41], [0.66, 0.70, 0.60, 0.79, 0.69],
        [0.28, 0.40, 0.33, 0.39, 0.30], [0.90, 0.88, 0.85, 0.97, 0.91]]
print(json.dumps({"docs": unpaired(docs), "unequal": unpaired(unequal), "gamesHowell": unpaired(unequal, False),
                  "pairedAbc": paired(abc), "pairedFive": paired(five)}))

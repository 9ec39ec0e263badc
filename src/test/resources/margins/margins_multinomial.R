# Average marginal effects of a multinomial fit, one per class: plans.csv (src/data/multinomial) with
# plan ~ age + I(age^2) + spend + channel, fitted by nnet::multinom and polished by exact Newton steps to
# the optimum (as ../multinomial/references.R does), covariance the inverse of that Hessian. For each
# class k and variable: a number's effect is the mean of dP_k/dx by central differences (h = 1e-5 * sd),
# a text column's the mean of P_k(level) - P_k(reference); the standard error sqrt(J V J') with J the
# exact gradient of that estimate in the coefficients (dP_k/dB_c = P_k (1{k = c} - P_c) x).
# Run from this directory:  Rscript margins_multinomial.R /path/to/src/data/multinomial
suppressMessages({library(nnet); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../data/multinomial"
d <- read.csv(file.path(data_dir, "plans.csv"), stringsAsFactors = TRUE)
formula <- plan ~ age + I(age^2) + spend + channel
fit <- multinom(formula, d, reltol = 1e-14, maxit = 10000, trace = FALSE)
X <- model.matrix(formula, d)
resp <- d$plan
Y <- sapply(levels(resp), function(l) as.numeric(resp == l))
K <- ncol(Y); p <- ncol(X); m <- K - 1
B <- t(coef(fit))
for (it in 1:50) {
  eta <- cbind(0, X %*% B); P <- exp(eta - apply(eta, 1, max)); P <- P / rowSums(P)
  G <- as.vector(t(X) %*% (Y[, -1] - P[, -1]))
  H <- matrix(0, m * p, m * p)
  for (k in 1:m) for (l in 1:m) {
    v <- P[, k + 1] * ((k == l) - P[, l + 1])
    H[((k - 1) * p + 1):(k * p), ((l - 1) * p + 1):(l * p)] <- t(X) %*% (v * X)
  }
  step <- solve(H, G); B <- B + matrix(step, p, m)
  if (max(abs(step)) < 1e-14) break
}
V <- solve(H)
tt <- delete.response(terms(formula))
design <- function(data) model.matrix(tt, model.frame(tt, data, xlev = list(channel = levels(d$channel))))
probabilities <- function(Xd) { eta <- cbind(0, Xd %*% B); P <- exp(eta - apply(eta, 1, max)); P / rowSums(P) }
# For class k: the mean of (P_k(plus) - P_k(minus)) / scale and its gradient in vec(B) (class blocks of p).
estimate <- function(plus, minus, scale, k) {
  Xp <- design(plus); Xm <- design(minus); Pp <- probabilities(Xp); Pm <- probabilities(Xm)
  J <- unlist(lapply(1:m, function(c) colMeans((Xp * (Pp[, k] * ((k == c + 1) - Pp[, c + 1])) -
                                                 Xm * (Pm[, k] * ((k == c + 1) - Pm[, c + 1]))) / scale)))
  list(value = mean((Pp[, k] - Pm[, k]) / scale), se = sqrt(drop(J %*% V %*% J)))
}
rows <- list()
for (k in 1:K) for (variable in c("age", "spend", "channel")) {
  x <- d[[variable]]
  if (is.numeric(x)) {
    h <- 1e-5 * sd(x); up <- d; up[[variable]] <- x + h; down <- d; down[[variable]] <- x - h
    e <- estimate(up, down, 2 * h, k); contrast <- "dP/dx"
    rows[[length(rows) + 1]] <- list(class = levels(resp)[k], variable = variable, contrast = contrast,
                                     ame = e$value, se = e$se)
  } else {
    for (l in levels(x)[-1]) {
      at <- function(v) { y <- d; y[[variable]] <- factor(v, levels = levels(x)); y }
      e <- estimate(at(l), at(levels(x)[1]), 1, k)
      rows[[length(rows) + 1]] <- list(class = levels(resp)[k], variable = variable,
                                       contrast = paste(l, "-", levels(x)[1]), ame = e$value, se = e$se)
    }
  }
}
out <- list(name = "plans_margins", formula = deparse(formula), file = "plans.csv",
            source = paste(R.version.string, "nnet::multinom polished by Newton; central differences in x and the exact gradient in the coefficients"),
            classes = levels(resp), margins = rows)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "plans_margins.json")

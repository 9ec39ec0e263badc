# References for Bernoulli's multinomial fits: nnet::multinom with a tight reltol, then polished by
# exact Newton steps on the baseline-category log-likelihood (analytic Hessian) until the step is
# below 1e-14, so that each reference is the optimum rather than BFGS's stopping point; standard
# errors from the inverse of that Hessian. Run from this directory:
#   Rscript references.R /path/to/src/data/multinomial
# Writes plans.json, hair_eye.json (a weighted table of counts: R's HairEyeColor) and
# mtcars_gear.json (a numeric response with three values: gear ~ mpg), and hair_eye.csv / mtcars_gear.csv.
suppressMessages({library(nnet); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../data/multinomial"

polish <- function(X, Y, w, B) {
  # X: n x p model matrix; Y: n x K indicator (reference first); w: case weights; B: p x (K-1)
  K <- ncol(Y); p <- ncol(X); m <- K - 1
  for (it in 1:50) {
    eta <- cbind(0, X %*% B)
    mx <- apply(eta, 1, max)
    P <- exp(eta - mx); P <- P / rowSums(P)
    G <- as.vector(t(X) %*% (w * (Y[, -1, drop = FALSE] - P[, -1, drop = FALSE])))
    H <- matrix(0, m * p, m * p)
    for (k in 1:m) for (l in 1:m) {
      v <- w * P[, k + 1] * ((k == l) - P[, l + 1])
      H[((k - 1) * p + 1):(k * p), ((l - 1) * p + 1):(l * p)] <- t(X) %*% (v * X)
    }
    step <- solve(H, G)
    B <- B + matrix(step, p, m)
    if (max(abs(step)) < 1e-14) break
  }
  eta <- cbind(0, X %*% B); mx <- apply(eta, 1, max)
  lse <- mx + log(rowSums(exp(eta - mx)))
  loglik <- sum(w * (rowSums(Y * eta) - lse))
  list(B = B, cov = solve(H), loglik = loglik, iterations = it, gradient = max(abs(G)))
}

reference <- function(name, formula, data, weights = NULL, csv = NULL) {
  if (!is.null(csv)) write.csv(data, file.path(data_dir, csv), row.names = FALSE)
  w <- if (is.null(weights)) rep(1, nrow(data)) else data[[weights]]
  fit <- if (is.null(weights)) multinom(formula, data, reltol = 1e-14, maxit = 10000, trace = FALSE)
         else eval(bquote(multinom(formula, data, weights = .(as.name(weights)), reltol = 1e-14, maxit = 10000,
                                   trace = FALSE)))
  X <- model.matrix(formula, data)
  resp <- factor(model.response(model.frame(formula, data)))
  Y <- sapply(levels(resp), function(l) as.numeric(resp == l))
  B0 <- t(coef(fit))
  pol <- polish(X, Y, w, B0)
  m <- ncol(Y) - 1; p <- ncol(X)
  se <- matrix(sqrt(diag(pol$cov)), p, m)
  k <- m * p
  # The joint Wald test of each term: its columns in every non-reference class, from the polished covariance.
  assign <- attr(X, "assign")
  labels <- attr(terms(formula), "term.labels")
  wald <- lapply(seq_along(labels), function(t) {
    idx <- as.vector(outer(which(assign == t), (0:(m - 1)) * p, "+"))
    b <- as.vector(pol$B)[idx]
    w <- as.numeric(t(b) %*% solve(pol$cov[idx, idx], b))
    list(term = labels[t], df = length(idx), chi_squared = w, p = pchisq(w, length(idx), lower.tail = FALSE))
  })
  # drop1 by likelihood ratio: each term left out of every class, the reduced fit polished likewise.
  drop <- lapply(labels, function(term) {
    reduced <- update(formula, as.formula(paste(". ~ . -", term)))
    Xr <- model.matrix(reduced, data)
    start <- matrix(0, ncol(Xr), m)
    fr <- polish(Xr, Y, w, start)
    lrt <- 2 * (pol$loglik - fr$loglik)
    df <- m * (ncol(X) - ncol(Xr))
    list(term = term, df = df, lrt = lrt, p = pchisq(lrt, df, lower.tail = FALSE),
         deviance = -2 * fr$loglik, aic = -2 * fr$loglik + 2 * (k - df))
  })
  out <- list(drop1 = drop, wald_terms = wald, name = name, formula = deparse(formula), weights = if (is.null(weights)) NULL else weights,
              source = "R nnet::multinom(reltol = 1e-14) + exact Newton polish (analytic Hessian) to a step below 1e-14; standard errors from that Hessian",
              classes = levels(resp), reference = levels(resp)[1], rows_used = nrow(data),
              coef_names = colnames(X), estimate = t(pol$B), std_error = t(se), class_rows = levels(resp)[-1],
              loglik = pol$loglik, deviance = -2 * pol$loglik, aic = -2 * pol$loglik + 2 * k,
              edf = k, gradient_max_abs = pol$gradient, newton_iterations = pol$iterations)
  writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), paste0(name, ".json"))
}

plans <- read.csv(file.path(data_dir, "plans.csv"))
reference("plans", plan ~ age + spend + channel, plans)

hair <- as.data.frame(HairEyeColor)
names(hair) <- c("hair", "eye", "sex", "count")
hair$hair <- as.character(hair$hair); hair$eye <- as.character(hair$eye); hair$sex <- as.character(hair$sex)
reference("hair_eye", hair ~ eye + sex, hair, weights = "count", csv = "hair_eye.csv")

# Cluster-robust errors: plans with a household column (250 households of 20 rows, interleaved), the
# sandwich of the clusters' summed scores around the polished fit, HC0 and HC1 (G/(G-1) (n-1)/(n-k)).
plans$household <- ((seq_len(nrow(plans)) - 1) %% 250) + 1
write.csv(plans, file.path(data_dir, "plans_clustered.csv"), row.names = FALSE)
clustered <- function() {
  f <- plan ~ age + spend + channel
  X <- model.matrix(f, plans)
  resp <- factor(plans$plan)
  Y <- sapply(levels(resp), function(l) as.numeric(resp == l))
  w <- rep(1, nrow(plans))
  pol <- polish(X, Y, w, matrix(0, ncol(X), ncol(Y) - 1))
  eta <- cbind(0, X %*% pol$B); mx <- apply(eta, 1, max)
  P <- exp(eta - mx); P <- P / rowSums(P)
  m <- ncol(Y) - 1; p <- ncol(X)
  S <- do.call(cbind, lapply(1:m, function(k) (Y[, k + 1] - P[, k + 1]) * X))
  G <- rowsum(S, plans$household)
  meat <- crossprod(G)
  V0 <- pol$cov %*% meat %*% pol$cov
  n <- nrow(X); k <- m * p; g <- nrow(G)
  V1 <- V0 * g / (g - 1) * (n - 1) / (n - k)
  out <- list(cluster_column = "household", clusters = g, coef_names = colnames(X), class_rows = levels(resp)[-1],
              estimate = t(pol$B), std_error_hc0 = t(matrix(sqrt(diag(V0)), p, m)),
              std_error_hc1 = t(matrix(sqrt(diag(V1)), p, m)))
  writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "plans_cluster.json")
}
clustered()

cars <- data.frame(gear = mtcars$gear, mpg = mtcars$mpg, wt = mtcars$wt)
reference("mtcars_gear", gear ~ mpg, cars, csv = "mtcars_gear.csv")

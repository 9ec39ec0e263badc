# Exact 95 % profile-likelihood bounds of a binomial glm's coefficients, for the references that
# near_separated_factor.R and aliasing.R write. Each constrained fit (coefficient j held at v) is
# Newton's method with step halving on the other coefficients, started from the full fit, to a
# gradient of 1e-12 in the deviance (glm.fit with the coefficient as an offset is not used: from its
# default start it can report convergence at a deviance far too high); each bound is the root of
# D(beta_j = v) - D_hat - qchisq(0.95, 1), bracketed by stepping out 1, 2, 4, ... standard errors
# and solved by uniroot to 1e-13.
#
# X: the model matrix of the estimated columns; y: the 0/1 response; fit: the glm on X.
profile_bounds <- function(X, y, fit) {
  D <- deviance(fit)
  q <- qchisq(0.95, 1)
  dev <- function(z) 2 * sum(log1p(exp(-abs(z))) + pmax(z, 0) - y * z)
  profile_dev <- function(j, v) {
    A <- X[, -j, drop = FALSE]
    a <- coef(fit)[-j]
    off <- v * X[, j]
    for (it in 1:200) {
      z <- drop(A %*% a) + off
      p <- plogis(z)
      g <- drop(crossprod(A, p - y))
      if (max(abs(g)) < 1e-12) break
      H <- crossprod(A, A * (p * (1 - p)))
      step <- solve(H, g)
      t <- 1
      while (dev(drop(A %*% (a - t * step)) + off) > dev(z) + 1e-15 * dev(z) && t > 1e-12) t <- t / 2
      a <- a - t * step
    }
    if (max(abs(g)) >= 1e-9) stop("constrained fit did not converge")
    dev(drop(A %*% a) + off) - D - q
  }
  b <- coef(fit)
  se <- sqrt(diag(vcov(fit)))
  bound <- function(j, side) {
    k <- 1
    while (profile_dev(j, b[j] + side * k * se[j]) < 0) k <- 2 * k
    inner <- if (k == 1) b[j] else b[j] + side * (k / 2) * se[j]
    uniroot(function(v) profile_dev(j, v), sort(c(inner, b[j] + side * k * se[j])), tol = 1e-13)$root
  }
  list(low = sapply(seq_along(b), function(j) bound(j, -1)), high = sapply(seq_along(b), function(j) bound(j, +1)))
}

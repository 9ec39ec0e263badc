# A factor level near separation: of the 40 rows at level 'c' of f, one has y = 0. The
# maximum-likelihood estimate is finite, its standard error large, and the profile-likelihood
# interval of fc is asymmetric. Exact bounds: each constrained fit (coefficient j held at b) is
# Newton's method with step halving on the other coefficients, started from the full fit, to a
# gradient of 1e-12 in the deviance; each bound the root of D(beta_j = b) - D_hat - qchisq(0.95, 1)
# by uniroot (tol 1e-13). (glm.fit with the coefficient as an offset is not used: started from its
# default point, it reports convergence at a deviance thousands too high near fc's upper bound.)
# Run: Rscript near_separated_factor.R  (writes near_separated_factor.csv and .json)
set.seed(24)
n <- 120
f <- rep(c("a", "b", "c"), each = 40)
x <- round(rnorm(n), 4)
y <- rbinom(n, 1, plogis(0.8 * x + ifelse(f == "b", 0.5, 0)))
y[f == "c"] <- 1
y[which(f == "c")[7]] <- 0
d <- data.frame(y = y, x = x, f = f)
write.csv(d, "near_separated_factor.csv", row.names = FALSE)
ctl <- glm.control(epsilon = 1e-14, maxit = 200)
fit <- glm(y ~ x + f, binomial, d, control = ctl)
D <- deviance(fit)
q <- qchisq(0.95, 1)
X <- model.matrix(fit)
dev <- function(z) 2 * sum(log1p(exp(-abs(z))) + pmax(z, 0) - d$y * z)
profile_dev <- function(j, b) {
  A <- X[, -j, drop = FALSE]
  a <- coef(fit)[-j]
  off <- b * X[, j]
  for (it in 1:200) {
    z <- drop(A %*% a) + off
    p <- plogis(z)
    g <- drop(crossprod(A, p - d$y))
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
low <- high <- numeric(length(b))
# Each bound: step out by 1, 2, 4, ... standard errors until the deviance exceeds the level, then
# uniroot between the last two steps.
bound <- function(j, side) {
  k <- 1
  while (profile_dev(j, b[j] + side * k * se[j]) < 0) k <- 2 * k
  inner <- b[j] + side * (k / 2) * se[j]
  if (k == 1) inner <- b[j]
  uniroot(function(v) profile_dev(j, v), sort(c(inner, b[j] + side * k * se[j])), tol = 1e-13)$root
}
for (j in seq_along(b)) {
  low[j] <- bound(j, -1)
  high[j] <- bound(j, +1)
}
fmt <- function(v) paste0("[", paste(sprintf("%.15g", v), collapse = ", "), "]")
sink("near_separated_factor.json")
cat("{\n")
cat('  "formula": "y ~ x + f",\n')
cat('  "names": ["', paste(names(b), collapse = '", "'), '"],\n', sep = "")
cat('  "estimate": ', fmt(b), ",\n", sep = "")
cat('  "std_error": ', fmt(se), ",\n", sep = "")
cat('  "deviance": ', sprintf("%.15g", D), ",\n", sep = "")
cat('  "profile_ci_low_exact": ', fmt(low), ",\n", sep = "")
cat('  "profile_ci_high_exact": ', fmt(high), "\n", sep = "")
cat("}\n")
sink()

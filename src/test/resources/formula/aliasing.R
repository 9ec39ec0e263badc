# Columns the data cannot determine, as R's glm reports them (NA, "not defined because of
# singularities"): an empty cell of an interaction (no row has a = 'a2' and b = 'b2'), and a factor
# confounded with another (g is a relabelling of a). 200 rows; the rest of each fit is R's.
# glm's default control finds the aliased columns (its QR tolerance is min(1e-7, epsilon/1000): with
# epsilon = 1e-14 it would miss them); the other columns are then refitted alone with epsilon 1e-14,
# so the numbers are exact to ~1e-12.
# For y ~ a * b also R's drop1 and the exact profile bounds of the estimated coefficients.
# Run: Rscript aliasing.R  (writes aliasing.csv and aliasing.json)
set.seed(11)
n <- 200
a <- sample(c("a1", "a2"), n, replace = TRUE)
b <- sample(c("b1", "b2", "b3"), n, replace = TRUE)
b[a == "a2" & b == "b2"] <- "b3"
g <- ifelse(a == "a1", "low", "high")
x <- round(rnorm(n), 4)
y <- rbinom(n, 1, plogis(0.5 * x + ifelse(a == "a2", 0.7, 0) + ifelse(b == "b3", -0.6, 0)))
d <- data.frame(y = y, x = x, a = a, b = b, g = g)
write.csv(d, "aliasing.csv", row.names = FALSE)
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
d <- read.csv("aliasing.csv", stringsAsFactors = TRUE)
num <- function(v) ifelse(is.na(v), "null", sprintf("%.15g", v))
fit_json <- function(formula) {
  f <- glm(formula, binomial, d)
  cf <- coef(f)
  kept <- !is.na(cf)
  X <- model.matrix(f)[, kept, drop = FALSE]
  exact <- glm(d$y ~ X - 1, binomial, control = ctl)
  cf[kept] <- coef(exact)
  se <- rep(NA, length(cf)); names(se) <- names(cf)
  se[kept] <- sqrt(diag(vcov(exact)))
  f <- exact
  paste0('    {"formula": "', deparse(formula), '", "names": ["', paste(names(cf), collapse = '", "'),
         '"], "estimate": [', paste(num(cf), collapse = ", "), '], "std_error": [',
         paste(num(se), collapse = ", "), '], "deviance": ', num(deviance(f)), ', "aic": ', num(AIC(f)),
         ', "df_residual": ', f$df.residual, '}')
}
# For y ~ a * b: R's drop1 (the term a:b has one estimated column), and the exact 95 % profile bounds of
# the estimated coefficients — each constrained fit by Newton with step halving from the full fit (to a
# gradient of 1e-12), each root by uniroot (1e-13), as near_separated_factor.R does.
full <- glm(y ~ a * b, binomial, d)
kept <- !is.na(coef(full))
X <- model.matrix(full)[, kept, drop = FALSE]
exact <- glm(d$y ~ X - 1, binomial, control = ctl)
D <- deviance(exact)
q <- qchisq(0.95, 1)
dev <- function(z) 2 * sum(log1p(exp(-abs(z))) + pmax(z, 0) - d$y * z)
profile_dev <- function(j, v) {
  A <- X[, -j, drop = FALSE]
  a <- coef(exact)[-j]
  off <- v * X[, j]
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
  dev(drop(A %*% a) + off) - D - q
}
b <- coef(exact)
se <- sqrt(diag(vcov(exact)))
bound <- function(j, side) {
  k <- 1
  while (profile_dev(j, b[j] + side * k * se[j]) < 0) k <- 2 * k
  inner <- if (k == 1) b[j] else b[j] + side * (k / 2) * se[j]
  uniroot(function(v) profile_dev(j, v), sort(c(inner, b[j] + side * k * se[j])), tol = 1e-13)$root
}
low <- sapply(seq_along(b), function(j) bound(j, -1))
high <- sapply(seq_along(b), function(j) bound(j, +1))
dr <- drop1(full, test = "LRT")
drop1_json <- paste0('{"term": "a:b", "df": ', dr["a:b", "Df"], ', "deviance": ', num(dr["a:b", "Deviance"]),
                     ', "aic": ', num(dr["a:b", "AIC"]), ', "lrt": ', num(dr["a:b", "LRT"]), ', "p": ',
                     num(dr["a:b", "Pr(>Chi)"]), '}')
cat("{\n  \"fits\": [\n", paste(c(fit_json(y ~ a * b), fit_json(y ~ x + a + g), fit_json(y ~ x + g + a)),
    collapse = ",\n"), "\n  ],\n",
    '  "a_times_b": {"estimated": ["', paste(colnames(model.matrix(full))[kept], collapse = '", "'),
    '"], "profile_ci_low_exact": [', paste(num(low), collapse = ", "), '], "profile_ci_high_exact": [',
    paste(num(high), collapse = ", "), '], "drop1": ', drop1_json, '}\n}\n', sep = "", file = "aliasing.json")

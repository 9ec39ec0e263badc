# Exact profile-likelihood bounds where MASS's confint() fails: ten rows, x nearly separating y
# (only the rows at x = 0.1 and x = 0.2 are out of order). confint(glm) gives NA for the upper bound of
# x (glm's own fits of the constrained models stop at fitted probabilities of 0 or 1); here each
# constrained fit is a one-dimensional minimization of the deviance over the other parameter
# (optimize, to 1e-13), and each bound the root of D(beta_j = b) - D_hat - qchisq(0.95, 1) (uniroot,
# to 1e-13). Run: Rscript near_separation.R > near_separation.json
suppressMessages(library(MASS))
x <- c(-2, -1.5, -1, -0.5, 0.1, 0.5, 1, 1.5, 2, 0.2)
y <- c(0, 0, 0, 0, 1, 1, 1, 1, 1, 0)
f <- glm(y ~ x, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
D <- deviance(f)
q <- qchisq(0.95, 1)
dev <- function(a, b) { z <- a + b * x; 2 * sum(log1p(exp(-abs(z))) + pmax(z, 0) - y * z) }
slope <- function(b) optimize(function(a) dev(a, b), c(-100 * abs(b) - 10, 100 * abs(b) + 10), tol = 1e-13)$objective - D - q
intercept <- function(a) optimize(function(b) dev(a, b), c(-1000, 1000), tol = 1e-13)$objective - D - q
b <- coef(f)
low <- c(uniroot(intercept, c(b[1] - 40, b[1]), tol = 1e-13)$root, uniroot(slope, c(0.01, b[2]), tol = 1e-13)$root)
high <- c(uniroot(intercept, c(b[1], b[1] + 40), tol = 1e-13)$root, uniroot(slope, c(b[2], 200), tol = 1e-13)$root)
ci <- suppressWarnings(suppressMessages(confint(f)))
fmt <- function(v) paste0("[", paste(ifelse(is.na(v), "null", sprintf("%.15g", v)), collapse = ", "), "]")
cat("{\n")
cat('  "rows": "y,x: ', paste(y, x, sep = ",", collapse = "; "), '",\n', sep = "")
cat('  "names": ["(Intercept)", "x"],\n')
cat('  "estimate": ', fmt(b), ",\n", sep = "")
cat('  "profile_ci_low_exact": ', fmt(low), ",\n", sep = "")
cat('  "profile_ci_high_exact": ', fmt(high), ",\n", sep = "")
cat('  "mass_confint_low": ', fmt(ci[, 1]), ",\n", sep = "")
cat('  "mass_confint_high": ', fmt(ci[, 2]), "\n", sep = "")
cat("}\n")

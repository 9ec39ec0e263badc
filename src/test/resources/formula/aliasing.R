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
# the estimated coefficients (profile_exact.R).
full <- glm(y ~ a * b, binomial, d)
kept <- !is.na(coef(full))
X <- model.matrix(full)[, kept, drop = FALSE]
exact <- glm(d$y ~ X - 1, binomial, control = ctl)
source("profile_exact.R")
bounds <- profile_bounds(X, d$y, exact)
low <- bounds$low
high <- bounds$high
dr <- drop1(full, test = "LRT")
drop1_json <- paste0('{"term": "a:b", "df": ', dr["a:b", "Df"], ', "deviance": ', num(dr["a:b", "Deviance"]),
                     ', "aic": ', num(dr["a:b", "AIC"]), ', "lrt": ', num(dr["a:b", "LRT"]), ', "p": ',
                     num(dr["a:b", "Pr(>Chi)"]), '}')
cat("{\n  \"fits\": [\n", paste(c(fit_json(y ~ a * b), fit_json(y ~ x + a + g), fit_json(y ~ x + g + a)),
    collapse = ",\n"), "\n  ],\n",
    '  "a_times_b": {"estimated": ["', paste(colnames(model.matrix(full))[kept], collapse = '", "'),
    '"], "profile_ci_low_exact": [', paste(num(low), collapse = ", "), '], "profile_ci_high_exact": [',
    paste(num(high), collapse = ", "), '], "drop1": ', drop1_json, '}\n}\n', sep = "", file = "aliasing.json")

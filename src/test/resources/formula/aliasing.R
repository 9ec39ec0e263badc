# Columns the data cannot determine, as R's glm reports them (NA, "not defined because of
# singularities"): an empty cell of an interaction (no row has a = 'a2' and b = 'b2'), and a factor
# confounded with another (g is a relabelling of a). 200 rows; the rest of each fit is R's.
# glm's default control finds the aliased columns (its QR tolerance is min(1e-7, epsilon/1000): with
# epsilon = 1e-14 it would miss them); the other columns are then refitted alone with epsilon 1e-14,
# so the numbers are exact to ~1e-12.
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
cat("{\n  \"fits\": [\n", paste(c(fit_json(y ~ a * b), fit_json(y ~ x + a + g), fit_json(y ~ x + g + a)),
    collapse = ",\n"), "\n  ]\n}\n", sep = "", file = "aliasing.json")

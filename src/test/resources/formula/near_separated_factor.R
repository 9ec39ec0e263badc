# A factor level near separation: of the 40 rows at level 'c' of f, one has y = 0. The
# maximum-likelihood estimate is finite, its standard error large, and the profile-likelihood
# interval of fc is asymmetric. Exact bounds by profile_exact.R (glm.fit with the coefficient as
# an offset reports convergence at a deviance thousands too high near fc's upper bound).
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
source("profile_exact.R")
bounds <- profile_bounds(model.matrix(fit), d$y, fit)
b <- coef(fit)
se <- sqrt(diag(vcov(fit)))
D <- deviance(fit)
low <- bounds$low
high <- bounds$high
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

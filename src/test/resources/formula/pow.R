# The reference of R's '^' between terms: infert with (age + parity + spontaneous)^2, R's glm to
# epsilon 1e-14 (coefficients by R's names, standard errors, deviance). Run from this directory:
#   Rscript pow.R /path/to/src/data/formula
suppressMessages(library(jsonlite))
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../data/formula"
d <- read.csv(file.path(data_dir, "infert.csv"))
f <- case ~ (age + parity + spontaneous)^2 + education
fit <- glm(f, binomial, d, epsilon = 1e-14, maxit = 100)
s <- summary(fit)$coefficients
out <- list(name = "infert_pow", formula = "case ~ (age + parity + spontaneous)^2 + education", family = "binomial",
            source = "R glm(epsilon = 1e-14)", rows_in_file = nrow(d), rows_used = nrow(d), rows_omitted_missing = 0,
            names = rownames(s), estimate = unname(s[, 1]), std_error = unname(s[, 2]),
            loglik = as.numeric(logLik(fit)), residual_deviance = fit$deviance, null_deviance = fit$null.deviance,
            df_null = fit$df.null, df_residual = fit$df.residual, aic = fit$aic)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "infert_pow.json")

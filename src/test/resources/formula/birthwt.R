# The birthwt reference: MASS::birthwt (Hosmer and Lemeshow, 1989: 189 births at Baystate Medical
# Center, 1986) with an interaction, fitted by R's glm to epsilon 1e-14 (the optimum to about 1e-10).
# Run from this directory: Rscript birthwt.R /path/to/src/data/formula
suppressMessages({library(MASS); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../data/formula"
data(birthwt)
d <- birthwt[, c("low", "age", "lwt", "smoke", "ptl", "ht", "ui", "ftv")]
write.csv(d, file.path(data_dir, "birthwt.csv"), row.names = FALSE)
f <- low ~ age * smoke + lwt + ptl + ht + ui + ftv
fit <- glm(f, binomial, d, epsilon = 1e-14, maxit = 100)
s <- summary(fit)$coefficients
out <- list(name = "birthwt_interaction", formula = deparse(f), family = "binomial",
            source = "R glm(epsilon = 1e-14) on MASS::birthwt", rows_in_file = nrow(d), rows_used = nrow(d),
            rows_omitted_missing = 0, names = rownames(s), estimate = unname(s[, 1]), std_error = unname(s[, 2]),
            loglik = as.numeric(logLik(fit)), residual_deviance = fit$deviance, null_deviance = fit$null.deviance,
            df_null = fit$df.null, df_residual = fit$df.residual, aic = fit$aic, converged = fit$converged,
            iterations = fit$iter)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "birthwt_interaction.json")

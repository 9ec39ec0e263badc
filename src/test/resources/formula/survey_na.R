# Reference for survey.csv with empty cells read as missing values (Bernoulli's rule), as R sees
# them with na.strings = c("", "NA"). Run: Rscript survey_na.R survey.csv > survey_na.json
args <- commandArgs(trailingOnly = TRUE)
invisible(Sys.setlocale("LC_COLLATE", "C"))
d <- read.csv(args[1], stringsAsFactors = TRUE, na.strings = c("", "NA"))
f <- sex ~ height + wr_hnd + exer + smoke
fit <- glm(f, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
s <- summary(fit)$coefficients
num <- function(x) paste(sprintf("%.17g", x), collapse = ", ")
str <- function(x) paste(sprintf("\"%s\"", x), collapse = ", ")
cat("{\n")
cat(sprintf("  \"name\": \"survey_na\",\n  \"formula\": \"%s\",\n", deparse(f)))
cat(sprintf("  \"source\": \"%s glm(epsilon = 1e-14), read.csv(na.strings = c('', 'NA'))\",\n", R.version.string))
cat(sprintf("  \"rows_in_file\": %d,\n  \"rows_used\": %d,\n  \"rows_omitted_missing\": %d,\n",
            nrow(d), nobs(fit), length(fit$na.action)))
cat(sprintf("  \"names\": [%s],\n", str(rownames(s))))
cat(sprintf("  \"estimate\": [%s],\n  \"std_error\": [%s],\n", num(s[, 1]), num(s[, 2])))
cat(sprintf("  \"loglik\": %s,\n  \"null_deviance\": %s,\n  \"residual_deviance\": %s,\n",
            num(logLik(fit)), num(fit$null.deviance), num(fit$deviance)))
cat(sprintf("  \"df_null\": %d,\n  \"df_residual\": %d,\n  \"aic\": %s,\n  \"iterations\": %d,\n",
            fit$df.null, fit$df.residual, num(fit$aic), fit$iter))
# Robust covariance as sandwich::vcovHC computes it for a glm: bread (X'WX)^-1, meat sum of s_i s_i'.
X <- model.matrix(fit)
p <- fitted(fit)
bread <- solve(crossprod(X, X * (p * (1 - p))))
hc0 <- bread %*% crossprod(X * (fit$y - p)) %*% bread
cat(sprintf("  \"se_hc0\": [%s],\n  \"se_hc1\": [%s],\n", num(sqrt(diag(hc0))),
            num(sqrt(diag(hc0 * nrow(X) / (nrow(X) - ncol(X)))))))
d1 <- drop1(fit, test = "LRT")[-1, ]
cat("  \"drop1_lrt\": [\n")
cat(paste(sprintf("    {\"term\": \"%s\", \"df\": %d, \"deviance\": %s, \"aic\": %s, \"lrt\": %s, \"p\": %s}",
                  rownames(d1), as.integer(d1$Df), sprintf("%.17g", d1$Deviance), sprintf("%.17g", d1$AIC),
                  sprintf("%.17g", d1$LRT), sprintf("%.17g", d1$`Pr(>Chi)`)), collapse = ",\n"))
cat("\n  ],\n")
cat(sprintf("  \"linear_predictor_head\": [%s]\n", num(head(fit$linear.predictors, 200))))
cat("}\n")

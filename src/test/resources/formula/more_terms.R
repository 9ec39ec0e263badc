# References for R's formula terms beyond the basics — poly(), bs(), ns(), C(f, contr.sum / contr.helmert),
# relevel(), %in%, / and ^ — fitted on three quarters of the rows and predicted on the quarter held out
# (data rows 4, 8, 12, …: rows the model has not seen), so that scoring must apply the training basis
# (R's makepredictcall: poly's alpha/norm2, the splines' knots and boundary knots) to new rows.
# R's glm to epsilon 1e-14; coefficients by R's names, standard errors, deviance; predict(type = "link").
# Run from this directory:  Rscript more_terms.R /path/to/src/data/formula
suppressMessages(library(jsonlite))
suppressMessages(library(splines))
invisible(Sys.setlocale("LC_COLLATE", "C"))
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../data/formula"
cases <- list(
  list(name = "terms_poly_ns", file = "infert.csv",
       formula = "case ~ poly(age, 2) + ns(parity, df = 2) + education + spontaneous"),
  list(name = "terms_bs_sum", file = "infert.csv",
       formula = "case ~ bs(age, df = 4) + C(education, contr.sum) + spontaneous + induced"),
  list(name = "terms_nested", file = "infert.csv",
       formula = "case ~ education + age %in% education + induced"),
  list(name = "terms_relevel_pow", file = "infert.csv",
       formula = "case ~ relevel(education, ref = \"6-11yrs\") + (age + parity + spontaneous)^2"),
  list(name = "terms_raw_helmert_knots", file = "infert.csv",
       formula = "case ~ poly(parity, 2, raw = TRUE) + C(education, contr.helmert) + ns(age, knots = c(28, 35)) + spontaneous"),
  list(name = "terms_slash_bs2", file = "infert.csv",
       formula = "case ~ bs(age, knots = 31, degree = 2) + relevel(factor(parity), ref = \"2\") + education/spontaneous"),
  list(name = "terms_survey_omit", file = "survey.csv",
       formula = "sex ~ ns(height, df = 3) + bs(age, df = 3) + exer")
)
for (case in cases) {
  d <- read.csv(file.path(data_dir, case$file), stringsAsFactors = TRUE, na.strings = c("", "NA"))
  held <- seq_len(nrow(d)) %% 4 == 0
  train <- d[!held, ]
  test <- d[held, ]
  f <- as.formula(case$formula)
  fit <- glm(f, binomial, train, epsilon = 1e-14, maxit = 100)
  s <- summary(fit)$coefficients
  lp <- predict(fit, newdata = test, type = "link")
  keep <- !is.na(lp)
  out <- list(name = case$name, formula = case$formula, file = case$file, source = paste(R.version.string,
              "glm(epsilon = 1e-14) on data rows not divisible by 4; predict(type = 'link') on rows divisible by 4"),
              na_action = if (case$file == "survey.csv") "omit" else "fail",
              rows_used = nobs(fit), names = rownames(s), estimate = unname(s[, 1]), std_error = unname(s[, 2]),
              residual_deviance = fit$deviance, aic = fit$aic,
              predict_rows = which(held)[keep], linear_predictor = unname(lp[keep]))
  writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), paste0(case$name, ".json"))
}

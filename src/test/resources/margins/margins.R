# Average marginal effects on data with a boolean column, text factors, a spline and missing cells:
# survey.csv with a TRUE/FALSE column left_handed (w_hnd == "Left", written to survey_bool.csv beside
# this script, missing where w_hnd is), fitted by R's glm(epsilon = 1e-14) with na.omit. Computed as the
# received references (margins/README): for a number the mean over the rows used of dP/dx by central
# differences (h = 1e-5 * sd of the column over those rows), for a factor, text or boolean column the
# mean of P(level) - P(reference); standard errors sqrt(J V J') with J the gradient of that estimate in
# the coefficients — for the difference quotient mean((s+ x+ - s- x-) / 2h), s = P(1 - P) at the rows
# moved up and down, for a level mean(s_L x_L - s_R x_R): exact for the estimate as computed, where
# differences in the coefficients are not (height enters through I(height^2), a column of about 29,000,
# and the error becomes 1e-2 of the standard error, which cancels between height's three columns) —
# and V the Fisher covariance (se) or HC1 (se_hc1: V (sum s s') V n/(n - p), s = (y - p) x).
# Run from this directory:  Rscript margins.R /path/to/src/data/formula
suppressMessages(library(jsonlite))
suppressMessages(library(splines))
invisible(Sys.setlocale("LC_COLLATE", "C"))
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../data/formula"
d <- read.csv(file.path(data_dir, "survey.csv"), stringsAsFactors = FALSE, na.strings = c("", "NA"))
d$left_handed <- d$w_hnd == "Left"
keep <- c("sex", "height", "age", "exer", "smoke", "left_handed", "pulse")
write.csv(d[, keep], "survey_bool.csv", row.names = FALSE, na = "")
d <- read.csv("survey_bool.csv", stringsAsFactors = TRUE, na.strings = c("", "NA"))
formula <- "sex ~ height * left_handed + I(height^2) + ns(age, df = 2) + exer + smoke"
fit <- glm(as.formula(formula), binomial, d, epsilon = 1e-14, maxit = 100)
used <- d[as.integer(rownames(model.frame(fit))), ]
beta <- coef(fit)
design <- function(data) model.matrix(delete.response(terms(fit)), model.frame(delete.response(terms(fit)), data,
                                       xlev = fit$xlevels), contrasts.arg = fit$contrasts)
# The estimate and its gradient in the coefficients: the mean of (a(P+) - a(P-)) / scale over the rows.
estimate <- function(plus, minus, scale) {
  Xp <- design(plus); Xm <- design(minus)
  pp <- plogis(drop(Xp %*% beta)); pm <- plogis(drop(Xm %*% beta))
  list(value = mean((pp - pm) / scale),
       gradient = colMeans((Xp * (pp * (1 - pp)) - Xm * (pm * (1 - pm))) / scale))
}
effect <- function(variable, level) {
  if (is.null(level)) {
    h <- 1e-5 * sd(used[[variable]])
    up <- used; up[[variable]] <- up[[variable]] + h
    down <- used; down[[variable]] <- down[[variable]] - h
    estimate(up, down, 2 * h)
  } else {
    at <- function(value) { x <- used; x[[variable]] <- if (is.logical(x[[variable]])) as.logical(value) else
      factor(value, levels = levels(x[[variable]])); x }
    estimate(at(level[2]), at(level[1]), 1)
  }
}
X <- model.matrix(fit)
p <- fitted(fit)
V <- vcov(fit)
meat <- crossprod(X * (fit$y - p))
hc1 <- V %*% meat %*% V * nrow(X) / (nrow(X) - ncol(X))
rows <- list()
for (variable in c("height", "left_handed", "age", "exer", "smoke")) {
  x <- used[[variable]]
  contrasts <- if (is.numeric(x)) list(NULL) else {
    lv <- if (is.logical(x)) c("FALSE", "TRUE") else levels(x)
    lapply(lv[-1], function(l) c(lv[1], l))
  }
  for (level in contrasts) {
    e <- effect(variable, level)
    J <- e$gradient
    rows[[length(rows) + 1]] <- list(variable = variable,
      contrast = if (is.null(level)) "dP/dx" else paste(level[2], "-", level[1]),
      ame = e$value, se = sqrt(drop(J %*% V %*% J)), se_hc1 = sqrt(drop(J %*% hc1 %*% J)))
  }
}
out <- list(name = "survey_bool", formula = formula, file = "survey_bool.csv", na_action = "omit",
            source = paste(R.version.string, "glm(epsilon = 1e-14), na.omit; central differences and their exact gradient in the coefficients"),
            rows_used = nrow(X), names = names(beta), estimate = unname(beta), margins = rows)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "survey_bool_margins.json")

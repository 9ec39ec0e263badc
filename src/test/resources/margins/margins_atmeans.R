# Marginal effects at the means (Stata's margins, dydx(*) atmeans): the model row with every number at
# its mean over the rows used and every factor at its levels' shares — for a model row that is linear
# in each factor's indicators, the share-weighted sum of the rows at every combination of levels —
# an interaction or I(x^2) computed from those. A number's effect is the central difference
# (h = 1e-5 * sd) of P at that row, a level's P with the factor at the level minus P at the reference;
# standard errors sqrt(J V J') with J the exact gradient in the coefficients of that estimate
# (s+ x+ - s- x-) / 2h or s_L x_L - s_R x_R, V Fisher (se) and HC1 (se_hc1).
# Run from this directory:  Rscript margins_atmeans.R /path/to/src/data/formula
suppressMessages(library(jsonlite))
suppressMessages(library(splines))
invisible(Sys.setlocale("LC_COLLATE", "C"))
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../data/formula"
at_means <- function(name, formula, d, numbers, factors) {
  fit <- glm(as.formula(formula), binomial, d, epsilon = 1e-14, maxit = 100)
  used <- d[as.integer(rownames(model.frame(fit))), ]
  beta <- coef(fit)
  X <- model.matrix(fit); p <- fitted(fit); V <- vcov(fit)
  hc1 <- V %*% crossprod(X * (fit$y - p)) %*% V * nrow(X) / (nrow(X) - ncol(X))
  tt <- delete.response(terms(fit))
  design <- function(data) model.matrix(tt, model.frame(tt, data, xlev = fit$xlevels), contrasts.arg = fit$contrasts)
  levels_of <- function(f) if (is.logical(used[[f]])) c("FALSE", "TRUE") else levels(used[[f]])
  means <- lapply(numbers, function(v) mean(used[[v]])); names(means) <- numbers
  shares <- lapply(factors, function(f) { l <- levels_of(f); s <- sapply(l, function(x) mean(as.character(used[[f]]) == x)); s })
  names(shares) <- factors
  row_at <- function(nums, sh) {
    combos <- expand.grid(lapply(sh, names), stringsAsFactors = FALSE)
    total <- 0
    for (i in seq_len(nrow(combos))) {
      df <- as.data.frame(nums)
      w <- 1
      for (f in names(sh)) {
        value <- combos[i, f]
        df[[f]] <- if (is.logical(used[[f]])) as.logical(value) else factor(value, levels = levels(used[[f]]))
        w <- w * sh[[f]][[value]]
      }
      total <- total + w * design(df)
    }
    drop(total)
  }
  estimate <- function(xp, xm, scale) {
    pp <- plogis(sum(xp * beta)); pm <- plogis(sum(xm * beta))
    list(value = (pp - pm) / scale, gradient = (xp * pp * (1 - pp) - xm * pm * (1 - pm)) / scale)
  }
  rows <- list()
  for (v in c(numbers, factors)) {
    if (v %in% numbers) {
      h <- 1e-5 * sd(used[[v]]); up <- means; up[[v]] <- up[[v]] + h; down <- means; down[[v]] <- down[[v]] - h
      es <- list(list(contrast = "dP/dx", e = estimate(row_at(up, shares), row_at(down, shares), 2 * h)))
    } else {
      l <- levels_of(v)
      one <- function(x) { sh <- shares; sh[[v]] <- setNames(as.numeric(l == x), l); sh }
      es <- lapply(l[-1], function(x) list(contrast = paste(x, "-", l[1]),
                                             e = estimate(row_at(means, one(x)), row_at(means, one(l[1])), 1)))
    }
    for (x in es) {
      J <- x$e$gradient
      rows[[length(rows) + 1]] <- list(variable = v, contrast = x$contrast, at = "means", estimate = x$e$value,
                                       se = sqrt(drop(J %*% V %*% J)), se_hc1 = sqrt(drop(J %*% hc1 %*% J)))
    }
  }
  list(name = name, formula = formula, margins = rows)
}
infert <- read.csv(file.path(data_dir, "infert.csv"), stringsAsFactors = TRUE)
survey <- read.csv("survey_bool.csv", stringsAsFactors = TRUE, na.strings = c("", "NA"))
out <- list(source = paste(R.version.string, "glm(epsilon = 1e-14); the row of means by shares; exact gradients"),
  cases = list(
    at_means("infert_interaction", "case ~ age * parity + spontaneous + induced + education + I(age^2)", infert,
             c("age", "parity", "spontaneous", "induced"), c("education")),
    at_means("survey_bool", "sex ~ height * left_handed + I(height^2) + ns(age, df = 2) + exer + smoke", survey,
             c("height", "age"), c("left_handed", "exer", "smoke"))))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "atmeans_margins.json")

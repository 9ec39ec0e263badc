# Reference values of R's bases as predict() applies them to new values, inside and beyond the
# training range: poly() (orthogonal and raw), bs() (df, knots, degree 2, intercept) and ns() (df, knots,
# intercept), fitted on the ages of infert.csv (repeated values, as data has them).
# Run from this directory:  Rscript bases.R /path/to/src/data/formula > bases.json
suppressMessages(library(jsonlite))
suppressMessages(library(splines))
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../data/formula"
x <- read.csv(file.path(data_dir, "infert.csv"))$age
newx <- c(15, 20.5, 21, 26, 31.25, 35, 44, 46, 60)
calls <- c("poly(age, 2)", "poly(age, 3)", "poly(age, 2, raw = TRUE)", "bs(age, df = 4)", "bs(age, df = 6)",
           "bs(age, knots = c(25, 33), degree = 2)", "bs(age, df = 5, intercept = TRUE)", "ns(age, df = 2)",
           "ns(age, df = 4)", "ns(age, knots = c(28, 35))", "ns(age, df = 3, intercept = TRUE)",
           "bs(age, df = 3)", "ns(age, df = 1)")
out <- lapply(calls, function(call) {
  age <- x
  b <- eval(parse(text = call))
  age <- newx
  p <- predict(b, newx)
  list(call = call, values = unname(split(unname(p), row(p))),
       knots = if (is.null(attr(b, "knots"))) list() else unname(attr(b, "knots")),
       boundary = if (is.null(attr(b, "Boundary.knots"))) list() else attr(b, "Boundary.knots"),
       alpha = if (is.null(attr(b, "coefs"))) list() else attr(b, "coefs")$alpha,
       norm2 = if (is.null(attr(b, "coefs"))) list() else attr(b, "coefs")$norm2)
})
writeLines(toJSON(list(source = paste(R.version.string, "splines and stats: predict() of each basis"),
                       x_column = "age of infert.csv", new_values = newx, bases = out),
                  digits = NA, auto_unbox = TRUE, pretty = TRUE))

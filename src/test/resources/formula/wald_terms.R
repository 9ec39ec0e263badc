# Joint Wald tests of the terms with several columns (b' V^-1 b on the term's coefficients, V from
# vcov(glm)), for infert.json's and survey_na.json's fits. Run: Rscript wald_terms.R DATA_DIR > wald_terms.json
args <- commandArgs(trailingOnly = TRUE)
invisible(Sys.setlocale("LC_COLLATE", "C"))
wald <- function(fit, term) {
  cols <- which(attr(model.matrix(fit), "assign") == match(term, attr(terms(fit), "term.labels")))
  b <- coef(fit)[cols]
  w <- drop(t(b) %*% solve(vcov(fit)[cols, cols]) %*% b)
  sprintf("{\"term\": \"%s\", \"df\": %d, \"chiSquared\": %.17g, \"p\": %.17g}", term, length(cols), w,
          pchisq(w, length(cols), lower.tail = FALSE))
}
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
infert <- read.csv(file.path(args[1], "infert.csv"), stringsAsFactors = TRUE)
f1 <- glm(case ~ spontaneous + induced + education, family = binomial, data = infert, control = ctl)
survey <- read.csv(file.path(args[1], "survey.csv"), stringsAsFactors = TRUE, na.strings = c("", "NA"))
f2 <- glm(sex ~ height + wr_hnd + exer + smoke, family = binomial, data = survey, control = ctl)
cat(sprintf("{\n  \"source\": \"%s\",\n  \"infert\": [%s],\n  \"survey_na\": [%s]\n}\n", R.version.string,
            wald(f1, "education"), paste(wald(f2, "exer"), wald(f2, "smoke"), sep = ", ")))

"""bernoulli.LogisticRegression from PySpark against the JVM estimator and R's glm.

Tolerances: the fits run Newton to a standardized gradient of 1e-10 (quadratic convergence leaves
coefficients about 1e-12 relative from the optimum); R's glm ran IRLS to epsilon 1e-14, about 1e-10;
so coefficients and standard errors agree with R to 1e-8 relative with margin, and with the JVM
estimator on the same rows bit for bit (the same code runs).
"""
import json

import pytest
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.feature import VectorAssembler

import bernoulli
from conftest import DATA, REFERENCES

TIGHT = dict(tol=1e-15, gradTol=1e-10, maxIter=100)


def heart(spark):
    df = spark.read.option("header", True).option("inferSchema", True).csv(str(DATA / "heart_scale.csv"))
    columns = [c for c in df.columns if c != "label"]
    return df, columns


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def test_a_pipeline_reaches_rs_fit_and_reloads_to_identical_predictions(spark, tmp_path):
    df, columns = heart(spark)
    pipeline = Pipeline(stages=[VectorAssembler(inputCols=columns, outputCol="features"),
                                bernoulli.LogisticRegression(**TIGHT)])
    model = pipeline.fit(df)
    lr = model.stages[-1]
    assert isinstance(lr, bernoulli.LogisticRegressionModel)
    ref = json.loads((REFERENCES / "reference" / "heart_scale.json").read_text())["mle"]
    assert rel(lr.intercept, ref["intercept"]) < 1e-8
    for got, want in zip(lr.coefficients.toArray(), ref["coefficients"]):
        assert rel(got, want) < 1e-8
    s = lr.summary
    assert [c["name"] for c in s.coefficients] == ["(Intercept)"] + columns
    for c, se in zip(s.coefficients, ref["std_errors"]):
        assert rel(c["stdError"], se) < 1e-8, c
    for key in ("ciLow", "ciHigh", "zValue", "pValue"):
        assert key in s.coefficients[0]
    assert rel(s.residualDeviance, ref["residual_deviance"]) < 1e-10
    assert rel(s.nullDeviance, ref["null_deviance"]) < 1e-10
    assert rel(s.aic, ref["aic"]) < 1e-10
    assert rel(s.logLikelihood, ref["loglik"]) < 1e-10
    assert s.lrtDf == 13 and s.lrtStatistic > 0 and 0 <= s.lrtPValue < 1e-10

    path = str(tmp_path / "pipeline")
    model.write().overwrite().save(path)
    model.write().overwrite().save(path)  # overwrite replaces it
    again = PipelineModel.load(path)
    assert isinstance(again.stages[-1], bernoulli.LogisticRegressionModel)
    assert again.stages[-1].getOrDefault("probabilityCol") == "probability"
    before = [tuple(r.probability) for r in model.transform(df).select("probability").collect()]
    after = [tuple(r.probability) for r in again.transform(df).select("probability").collect()]
    assert before == after


def test_the_python_fit_is_the_jvm_estimators(spark):
    df, columns = heart(spark)
    assembled = VectorAssembler(inputCols=columns, outputCol="features").transform(df)
    py = bernoulli.LogisticRegression(**TIGHT).fit(assembled)
    jvm = spark._jvm.org.bernoulli.ml.BernoulliLogisticRegression().setTol(1e-15).setGradTol(1e-10).setMaxIter(100) \
        .fit(assembled._jdf)
    assert py.intercept == jvm.intercept()
    assert list(py.coefficients.toArray()) == list(jvm.coefficients().toArray())
    assert py.summary.coefficients[3]["stdError"] == jvm.summary().coefficients().get(3).stdError()


def test_a_formula_fit_on_infert_by_rs_names(spark):
    infert = spark.read.option("header", True).option("inferSchema", True) \
        .csv(str(DATA / "formula" / "infert.csv"))
    ref = json.loads((REFERENCES / "formula" / "infert.json").read_text())
    model = bernoulli.LogisticRegression(formula=ref["formula"], **TIGHT).fit(infert)
    assert model.featureNames == ref["names"][1:]
    s = model.summary
    assert [c["name"] for c in s.coefficients] == ref["names"]
    for c, est, se in zip(s.coefficients, ref["estimate"], ref["std_error"]):
        assert rel(c["estimate"], est) < 1e-8, c
        assert rel(c["stdError"], se) < 1e-8, c
    assert model.transform(infert).select("probability").count() == 248
    assert s.covariance == "fisher" and s.clustering is None
    assert [t["term"] for t in s.termTests] == ["education"] and s.termTests[0]["df"] == 2
    robust = bernoulli.LogisticRegression(formula=ref["formula"], covariance="hc1", **TIGHT).fit(infert).summary
    assert robust.covariance == "hc1"
    for c, se in zip(robust.coefficients, ref["se_hc1"]):
        assert rel(c["stdError"], se) < 1e-6, c  # R's vcovHC, the JVM tests' tolerance


def test_the_summary_carries_rs_average_marginal_effects(spark):
    infert = spark.read.option("header", True).option("inferSchema", True) \
        .csv(str(DATA / "formula" / "infert.csv"))
    ref = json.loads((REFERENCES / "margins" / "infert_interaction_margins.json").read_text())
    s = bernoulli.LogisticRegression(formula=ref["formula"], margins=True, **TIGHT).fit(infert).summary
    assert [(m["variable"], m["contrast"]) for m in s.margins] == [(r["variable"], r["contrast"])
                                                                    for r in ref["margins"]]
    for m, r in zip(s.margins, ref["margins"]):
        assert rel(m["estimate"], r["ame"]) < 1e-6, m
        assert rel(m["stdError"], r["se"]) < 1e-5, m
    assert bernoulli.LogisticRegression(formula=ref["formula"], **TIGHT).fit(infert).summary.margins is None
    with pytest.raises(bernoulli.BernoulliError, match="margins are of the variables of a formula: set formula"):
        bernoulli.LogisticRegression(margins=True).fit(heart(spark)[0])


def test_save_and_load_of_the_estimator_and_the_model_round_trip_params(spark, tmp_path):
    lr = bernoulli.LogisticRegression(regParam=0.01, optimizer="lbfgs", formula="case ~ induced", covariance="hc1")
    lr.write().overwrite().save(str(tmp_path / "lr"))
    loaded = bernoulli.LogisticRegression.load(str(tmp_path / "lr"))
    assert isinstance(loaded, bernoulli.LogisticRegression)
    for name, value in dict(regParam=0.01, optimizer="lbfgs", formula="case ~ induced", covariance="hc1").items():
        assert loaded.getOrDefault(name) == value
    assert loaded.uid == lr.uid
    df, columns = heart(spark)
    model = bernoulli.LogisticRegression(**TIGHT).fit(VectorAssembler(inputCols=columns, outputCol="features")
                                                      .transform(df))
    model.write().overwrite().save(str(tmp_path / "model"))
    back = bernoulli.LogisticRegressionModel.load(str(tmp_path / "model"))
    assert back.intercept == model.intercept
    assert back.featureNames == columns
    assert not back.hasSummary


def test_param_defaults_equal_the_jvms(spark):
    py = bernoulli.LogisticRegression()
    jvm = spark._jvm.org.bernoulli.ml.BernoulliLogisticRegression()
    checked = 0
    for param in py.params:
        jparam = jvm.getParam(param.name)
        assert jvm.hasDefault(jparam) == py.hasDefault(param), param.name
        if not py.hasDefault(param):
            continue  # thresholds: no default on either side
        want = jvm.getDefault(jparam).get()
        got = py.getOrDefault(param)
        if isinstance(got, float):
            assert got == float(want), param.name
        else:
            assert got == want, param.name
        checked += 1
    assert checked >= 17
    # and every JVM param is a Python one
    assert {p.name() for p in jvm.params()} == {p.name for p in py.params}


def test_an_invalid_param_is_bernoullis_message(spark):
    df, columns = heart(spark)
    assembled = VectorAssembler(inputCols=columns, outputCol="features").transform(df)
    lr = bernoulli.LogisticRegression(optimizer="sgd")
    with pytest.raises(bernoulli.BernoulliError) as e:
        lr.fit(assembled)
    assert str(e.value) == lr.uid + " parameter optimizer given invalid value sgd."
    assert e.value.java_class == "java.lang.IllegalArgumentException"
    with pytest.raises(bernoulli.BernoulliError) as e:
        bernoulli.LogisticRegression(clusterCol="x1").fit(assembled)
    assert str(e.value) == "clusterCol 'x1' gives cluster-robust standard errors: set covariance to hc0 or hc1"


def test_bad_data_is_bernoullis_message(spark, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("y,x\n1,0.5\n0,2\n3,1\n")
    df = spark.read.option("header", True).option("inferSchema", True).csv(str(bad))
    with pytest.raises(bernoulli.BernoulliError) as e:
        bernoulli.LogisticRegression(formula="y ~ x", family="binomial").fit(df)
    # The DataFrame's row where it is known: the third row (row 2, counted from 0) of the file.
    assert str(e.value).startswith("file:") and str(e.value).endswith(
        str(bad) + " row 2: response 'y' is 3; expected 0 or 1 (or -1/+1)"), str(e.value)
    assert e.value.java_class == "org.bernoulli.data.BadInputException"


def infert_frame(spark):
    return spark.read.option("header", True).option("inferSchema", True).csv(str(DATA / "formula" / "infert.csv"))


def test_refusals_at_transform_are_bernoulli_errors_when_the_rows_are_computed(spark):
    from pyspark.sql import functions as F
    infert = infert_frame(spark)
    model = bernoulli.LogisticRegression(formula="case ~ spontaneous + induced + education").fit(infert)
    unseen = model.transform(infert.withColumn("education", F.lit("college")))
    with pytest.raises(bernoulli.BernoulliError) as e:
        unseen.collect()
    assert str(e.value) == "education: level 'college' was not seen in training; levels 0-5yrs, 12+ yrs, 6-11yrs"
    assert e.value.java_class == "org.bernoulli.data.RecordFormatException"
    with pytest.raises(bernoulli.BernoulliError) as e:
        model.transform(infert.withColumn("induced", F.lit(None).cast("int"))).collect()
    assert str(e.value) == "column 'induced' is missing (a null); the model's formula uses it"
    with pytest.raises(bernoulli.BernoulliError) as e:
        model.transform(infert.withColumn("induced", F.col("induced") > 0))
    assert str(e.value) == ("the dataset: column 'induced' has type boolean, but the model was trained on numbers in "
                            "it; values of another kind are not converted (cast the column, or score data of the "
                            "training's types)")


def test_fit_refusals_speak_of_params_not_flags(spark):
    from pyspark.ml.linalg import Vectors
    from pyspark.sql import functions as F
    infert = infert_frame(spark)
    holes = infert.withColumn("induced", F.when(F.col("age") > 40, None).otherwise(F.col("induced")))
    formula = "case ~ spontaneous + induced + education"
    with pytest.raises(bernoulli.BernoulliError) as e:
        bernoulli.LogisticRegression(formula=formula).fit(holes)
    assert "column 'induced' is missing (a null); the fit uses it: give naAction=\"omit\" to leave such rows out" \
        in str(e.value), str(e.value)
    assert "--" not in str(e.value)
    omitted = bernoulli.LogisticRegression(formula=formula, naAction="omit").fit(holes).summary
    assert omitted.rows == holes.where(F.col("induced").isNotNull()).count()
    vectors = spark.createDataFrame([(1.0, Vectors.dense([float("nan"), 1.0])), (0.0, Vectors.dense([1.0, 2.0])),
                                     (1.0, Vectors.dense([2.0, 0.5])), (0.0, Vectors.dense([0.2, 2.0]))],
                                    ["label", "features"])
    with pytest.raises(bernoulli.BernoulliError) as e:
        bernoulli.LogisticRegression().fit(vectors)
    assert str(e.value) == ("the dataset (row number not available from this source): featuresCol 'features' holds "
                            "NaN at index 0; expected finite numbers")
    with pytest.raises(bernoulli.BernoulliError) as e:
        bernoulli.LogisticRegression(weightCol="w").fit(vectors)
    assert str(e.value) == "weightCol 'w': the dataset has no such column; its columns are [label, features]"
    separated = infert.withColumn("case", F.when(F.col("education") == "0-5yrs", 1).otherwise(F.col("case")))
    with pytest.raises(bernoulli.BernoulliError) as e:
        bernoulli.LogisticRegression(formula=formula).fit(separated)
    assert "every row at the reference level of education, '0-5yrs'" in str(e.value)
    assert "regParam=0.01" in str(e.value) and "--" not in str(e.value), str(e.value)
    assert "Firth's bias reduction (bernoulli train only)" in str(e.value), str(e.value)
    # An invalid param and a combination: named as params, never as flags.
    with pytest.raises(bernoulli.BernoulliError) as e:
        bernoulli.LogisticRegression(tol=-1.0).fit(infert)
    assert str(e.value).endswith(" parameter tol given invalid value -1.0."), str(e.value)
    with pytest.raises(bernoulli.BernoulliError) as e:
        bernoulli.LogisticRegression(formula=formula, covariance="hc1", regParam=0.1).fit(infert)
    assert str(e.value) == ("covariance hc1: robust standard errors are computed for maximum-likelihood fits "
                            "(regParam 0)")


def test_the_summary_as_pandas(spark):
    infert = spark.read.option("header", True).option("inferSchema", True) \
        .csv(str(DATA / "formula" / "infert.csv"))
    s = bernoulli.LogisticRegression(formula="case ~ spontaneous + induced + education", **TIGHT).fit(infert).summary
    table = s.toPandas()
    assert list(table.index) == [c["name"] for c in s.coefficients]
    assert list(table.columns) == ["estimate", "stdError", "zValue", "pValue", "ciLow", "ciHigh"]
    assert table.loc["induced", "stdError"] == s.coefficients[2]["stdError"]
    assert "(Intercept)" in repr(s) and "residual deviance" in repr(s)


def test_an_unfitted_pipeline_saves_and_loads_with_its_params(spark, tmp_path):
    pipeline = Pipeline(stages=[VectorAssembler(inputCols=["x1", "x2"], outputCol="features"),
                                bernoulli.LogisticRegression(regParam=0.5, lbfgsMemory=7)])
    pipeline.write().overwrite().save(str(tmp_path / "p"))
    back = Pipeline.load(str(tmp_path / "p"))
    lr = back.getStages()[-1]
    assert isinstance(lr, bernoulli.LogisticRegression)
    assert (lr.getOrDefault("regParam"), lr.getOrDefault("lbfgsMemory")) == (0.5, 7)
    assert lr.getOrDefault("optimizer") == "auto"


def test_the_bundled_jar_has_the_estimator_and_its_connect_registration():
    import zipfile

    with zipfile.ZipFile(bernoulli.jar()) as jar:
        names = set(jar.namelist())
        assert "org/bernoulli/ml/BernoulliLogisticRegression.class" in names
        registered = jar.read("META-INF/services/org.apache.spark.ml.Estimator").decode()
    assert "org.bernoulli.ml.BernoulliLogisticRegression" in registered.splitlines()


def test_a_response_of_three_classes_is_rs_multinom(spark):
    """The formula fit of plans.csv: R's multinom polished to its optimum (coefficients and standard
    errors to 1e-6 relative, by class and name), a probability per class summing to 1 within 1e-12, and
    MLlib's multi-class evaluator reading the predictions."""
    from pyspark.ml.evaluation import MulticlassClassificationEvaluator
    from pyspark.sql import functions as F

    df = (spark.read.option("header", True).option("inferSchema", True).csv(str(DATA / "multinomial" / "plans.csv"))
          .withColumn("planIndex", F.when(F.col("plan") == "basic", 0.0).when(F.col("plan") == "plus", 1.0)
                      .otherwise(2.0)))
    model = bernoulli.LogisticRegression(formula="plan ~ age + spend + channel", **TIGHT).fit(df)
    assert model.classes == ["basic", "plus", "pro"]
    assert model.numClasses == 3
    assert model.coefficientMatrix.numRows == 2
    with pytest.raises(bernoulli.BernoulliError, match="use interceptVector"):
        model.intercept
    ref = json.loads((REFERENCES / "multinomial" / "plans.json").read_text())
    summary = model.summary
    assert summary.classes == ref["classes"] and summary.referenceClass == "basic"
    for k, outcome in enumerate(ref["class_rows"]):
        for j, name in enumerate(ref["coef_names"]):
            row = next(c for c in summary.coefficients if c["class"] == outcome and c["name"] == name)
            assert rel(row["estimate"], ref["estimate"][k][j]) < 1e-6
            assert rel(row["stdError"], ref["std_error"][k][j]) < 1e-6
    assert rel(summary.logLikelihood, ref["loglik"]) < 1e-9
    assert summary.toPandas().loc[("pro", "spend"), "estimate"] == pytest.approx(ref["estimate"][1][2], rel=1e-6)
    scored = model.transform(df)
    for row in scored.select("probability").collect():
        assert abs(sum(row.probability.toArray()) - 1) < 1e-12
    metrics = json.loads((REFERENCES / "multinomial" / "plans_metrics.json").read_text())
    accuracy = MulticlassClassificationEvaluator(labelCol="planIndex", metricName="accuracy").evaluate(scored)
    assert accuracy == pytest.approx(metrics["accuracy"], abs=1e-12)


def test_a_model_writes_pmml_with_its_coefficients_and_refuses_a_spline(spark, tmp_path):
    import xml.etree.ElementTree as ET
    infert = spark.read.option("header", True).option("inferSchema", True) \
        .csv(str(DATA / "formula" / "infert.csv"))
    model = bernoulli.LogisticRegression(formula="case ~ spontaneous*induced + education + log(parity)").fit(infert)
    path = tmp_path / "model.pmml"
    model.write_pmml(str(path))
    ns = {"p": "http://www.dmg.org/PMML-4_4"}
    root = ET.parse(path).getroot()
    assert root.get("version") == "4.4"
    regression = root.find("p:RegressionModel", ns)
    assert regression.get("normalizationMethod") == "logit"
    table = regression.find("p:RegressionTable[@targetCategory='1']", ns)
    assert float(table.get("intercept")) == model.intercept  # written to parse back to the same double
    written = sorted(float(p.get("coefficient")) for p in table)
    assert written == sorted(model.coefficients.toArray().tolist())
    assert [f.get("name") for f in regression.find("p:Output", ns)] == ["probability", "probability_0", "probability_1",
                                                                        "prediction"]
    # An independent evaluator (pypmml, on PMML4S) gives transform's probabilities: the same doubles summed in
    # another order, so to 1e-12 absolute.
    from pypmml import Model
    evaluator = Model.fromFile(str(path))
    for row in model.transform(infert).collect():
        cells = {c: row[c] for c in ("spontaneous", "induced", "education", "parity")}
        assert abs(evaluator.predict(cells)["probability"] - row.probability[1]) < 1e-12, cells
    before = path.read_bytes()
    with pytest.raises(bernoulli.BernoulliError):
        model.write_pmml(str(path))  # a file in the way is kept
    assert path.read_bytes() == before
    model.write_pmml(str(path), overwrite=True)

    spline = bernoulli.LogisticRegression(formula="case ~ ns(age, df = 3) + education").fit(infert)
    refused = tmp_path / "spline.pmml"
    with pytest.raises(bernoulli.BernoulliError) as e:
        spline.write_pmml(str(refused))
    assert str(e.value).startswith("PMML cannot hold the term 'ns(age, df = 3)' exactly"), str(e.value)
    assert not refused.exists()

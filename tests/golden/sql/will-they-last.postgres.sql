-- policyscore: policy will-they-last version 1 (sha256 e5ca5a626afe)
-- as of 2026-11-01: the evaluation date is written into the query
-- reads the table crm.customers; one row per record: id, eligible, score, tier, points_negotiation, points_paying_on_time, points_accounting_work, points_owner_involvement, points_wallet_share_growth, points_lifetime_value_with_referrals, points_standing_in_size, adjustment_points, failed_filters, reasons
WITH RECURSIVE _ps_layer_0 AS (
  SELECT
    "_ps_in"."id" AS "_ps_id",
    CAST("_ps_in"."billing_tickets_first_6m" AS DOUBLE PRECISION) AS "billing_tickets_first_6m",
    "_ps_in"."company_size" AS "company_size",
    CAST("_ps_in"."days_to_pay_avg" AS DOUBLE PRECISION) AS "days_to_pay_avg",
    CAST("_ps_in"."discount_requested_pct" AS DOUBLE PRECISION) AS "discount_requested_pct",
    CAST("_ps_in"."late_payments_first_6m" AS DOUBLE PRECISION) AS "late_payments_first_6m",
    CAST("_ps_in"."lifetime_value" AS DOUBLE PRECISION) AS "lifetime_value",
    "_ps_in"."owner_involvement" AS "owner_involvement",
    "_ps_in"."referred_by" AS "referred_by",
    CAST("_ps_in"."signup_date" AS DATE) AS "signup_date",
    "_ps_in"."status" AS "status",
    CAST("_ps_in"."total_spend" AS DOUBLE PRECISION) AS "total_spend",
    CAST("_ps_in"."users_growth_pct" AS DOUBLE PRECISION) AS "users_growth_pct",
    CAST("_ps_in"."wallet_share_growth_pct" AS DOUBLE PRECISION) AS "wallet_share_growth_pct"
  FROM crm.customers AS _ps_in
), _ps_layer_1 AS (
  SELECT
    *,
    CAST("_ps_id" AS VARCHAR) AS "_ps_key_2",
    CAST("referred_by" AS VARCHAR) AS "_ps_referrer_3",
    COALESCE("lifetime_value", "total_spend") AS "_ps_arg_4",
    COALESCE("lifetime_value", "total_spend") AS "_ps_arg_9",
    "company_size" AS "_ps_arg_10",
    "total_spend" AS "_ps_arg_16",
    CAST(CASE
      WHEN CAST('2026-11-01' AS DATE) >= "signup_date"
      THEN (
        (
          EXTRACT(YEAR FROM CAST('2026-11-01' AS DATE)) - EXTRACT(YEAR FROM "signup_date")
        ) * 12 + (
          EXTRACT(MONTH FROM CAST('2026-11-01' AS DATE)) - EXTRACT(MONTH FROM "signup_date")
        )
      ) - CASE
        WHEN (
          EXTRACT(DAY FROM CAST('2026-11-01' AS DATE)) < EXTRACT(DAY FROM "signup_date")
        )
        AND (
          CAST('2026-11-01' AS DATE) <> CAST(DATE_TRUNC('MONTH', CAST('2026-11-01' AS DATE)) + INTERVAL '1 MONTH' - INTERVAL '1 DAY' AS DATE)
        )
        THEN 1
        ELSE 0
      END
      ELSE -(
        (
          (
            EXTRACT(YEAR FROM "signup_date") - EXTRACT(YEAR FROM CAST('2026-11-01' AS DATE))
          ) * 12 + (
            EXTRACT(MONTH FROM "signup_date") - EXTRACT(MONTH FROM CAST('2026-11-01' AS DATE))
          )
        ) - CASE
          WHEN (
            EXTRACT(DAY FROM "signup_date") < EXTRACT(DAY FROM CAST('2026-11-01' AS DATE))
          )
          AND (
            "signup_date" <> CAST(DATE_TRUNC('MONTH', "signup_date") + INTERVAL '1 MONTH' - INTERVAL '1 DAY' AS DATE)
          )
          THEN 1
          ELSE 0
        END
      )
    END AS DOUBLE PRECISION) AS "_ps_let_38",
    COALESCE("lifetime_value", "total_spend") AS "_ps_let_39",
    NOT (
      CASE
        WHEN (
          "status"
        ) IS NULL
        THEN NULL
        ELSE (
          "status"
        ) IN ('churned', 'trial')
      END
    ) AS "_ps_filter_44",
    (
      "discount_requested_pct"
    ) <= (
      CAST(5 AS DOUBLE PRECISION)
    ) AS "_ps_band_46",
    (
      "discount_requested_pct"
    ) < (
      CAST(20 AS DOUBLE PRECISION)
    ) AS "_ps_band_47",
    (
      (
        (
          "late_payments_first_6m"
        ) = (
          CAST(0 AS DOUBLE PRECISION)
        )
      )
      AND (
        (
          "days_to_pay_avg"
        ) <= (
          CAST(30 AS DOUBLE PRECISION)
        )
      )
    ) AS "_ps_band_49",
    (
      "late_payments_first_6m"
    ) <= (
      CAST(2 AS DOUBLE PRECISION)
    ) AS "_ps_band_50",
    CASE
      WHEN (
        "billing_tickets_first_6m"
      ) IS NULL
      THEN NULL
      ELSE CASE
        WHEN (
          CAST(5 AS DOUBLE PRECISION)
        ) = (
          CAST(0 AS DOUBLE PRECISION)
        )
        THEN CASE
          WHEN (
            "billing_tickets_first_6m"
          ) >= (
            CAST(0 AS DOUBLE PRECISION)
          )
          THEN CAST('1.0' AS DOUBLE PRECISION)
          ELSE CAST('0.0' AS DOUBLE PRECISION)
        END
        ELSE CASE
          WHEN (
            CAST((
              "billing_tickets_first_6m" - CAST(5 AS DOUBLE PRECISION)
            ) AS DOUBLE PRECISION) / (
              CAST(0 AS DOUBLE PRECISION) - CAST(5 AS DOUBLE PRECISION)
            )
          ) < (
            CAST(0 AS DOUBLE PRECISION)
          )
          THEN CAST('0.0' AS DOUBLE PRECISION)
          WHEN (
            CAST((
              "billing_tickets_first_6m" - CAST(5 AS DOUBLE PRECISION)
            ) AS DOUBLE PRECISION) / (
              CAST(0 AS DOUBLE PRECISION) - CAST(5 AS DOUBLE PRECISION)
            )
          ) > (
            CAST(1 AS DOUBLE PRECISION)
          )
          THEN CAST('1.0' AS DOUBLE PRECISION)
          ELSE CAST((
            "billing_tickets_first_6m" - CAST(5 AS DOUBLE PRECISION)
          ) AS DOUBLE PRECISION) / (
            CAST(0 AS DOUBLE PRECISION) - CAST(5 AS DOUBLE PRECISION)
          )
        END
      END
    END AS "_ps_raw_52",
    (
      "owner_involvement"
    ) = (
      'strategic'
    ) AS "_ps_band_64",
    (
      "owner_involvement"
    ) = (
      'delegating'
    ) AS "_ps_band_65",
    (
      "owner_involvement"
    ) = (
      'hands_on'
    ) AS "_ps_band_66",
    (
      (
        CAST('0.5' AS DOUBLE PRECISION)
      ) * (
        CASE
          WHEN (
            "wallet_share_growth_pct"
          ) IS NULL
          THEN NULL
          ELSE CASE
            WHEN (
              CAST(0 AS DOUBLE PRECISION)
            ) = (
              CAST(40 AS DOUBLE PRECISION)
            )
            THEN CASE
              WHEN (
                "wallet_share_growth_pct"
              ) >= (
                CAST(40 AS DOUBLE PRECISION)
              )
              THEN CAST('1.0' AS DOUBLE PRECISION)
              ELSE CAST('0.0' AS DOUBLE PRECISION)
            END
            ELSE CASE
              WHEN (
                CAST((
                  "wallet_share_growth_pct" - CAST(0 AS DOUBLE PRECISION)
                ) AS DOUBLE PRECISION) / (
                  CAST(40 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                )
              ) < (
                CAST(0 AS DOUBLE PRECISION)
              )
              THEN CAST('0.0' AS DOUBLE PRECISION)
              WHEN (
                CAST((
                  "wallet_share_growth_pct" - CAST(0 AS DOUBLE PRECISION)
                ) AS DOUBLE PRECISION) / (
                  CAST(40 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                )
              ) > (
                CAST(1 AS DOUBLE PRECISION)
              )
              THEN CAST('1.0' AS DOUBLE PRECISION)
              ELSE CAST((
                "wallet_share_growth_pct" - CAST(0 AS DOUBLE PRECISION)
              ) AS DOUBLE PRECISION) / (
                CAST(40 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
              )
            END
          END
        END
      )
    ) + (
      (
        CAST('0.5' AS DOUBLE PRECISION)
      ) * (
        CASE
          WHEN (
            "users_growth_pct"
          ) IS NULL
          THEN NULL
          ELSE CASE
            WHEN (
              CAST(0 AS DOUBLE PRECISION)
            ) = (
              CAST(40 AS DOUBLE PRECISION)
            )
            THEN CASE
              WHEN (
                "users_growth_pct"
              ) >= (
                CAST(40 AS DOUBLE PRECISION)
              )
              THEN CAST('1.0' AS DOUBLE PRECISION)
              ELSE CAST('0.0' AS DOUBLE PRECISION)
            END
            ELSE CASE
              WHEN (
                CAST((
                  "users_growth_pct" - CAST(0 AS DOUBLE PRECISION)
                ) AS DOUBLE PRECISION) / (
                  CAST(40 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                )
              ) < (
                CAST(0 AS DOUBLE PRECISION)
              )
              THEN CAST('0.0' AS DOUBLE PRECISION)
              WHEN (
                CAST((
                  "users_growth_pct" - CAST(0 AS DOUBLE PRECISION)
                ) AS DOUBLE PRECISION) / (
                  CAST(40 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                )
              ) > (
                CAST(1 AS DOUBLE PRECISION)
              )
              THEN CAST('1.0' AS DOUBLE PRECISION)
              ELSE CAST((
                "users_growth_pct" - CAST(0 AS DOUBLE PRECISION)
              ) AS DOUBLE PRECISION) / (
                CAST(40 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
              )
            END
          END
        END
      )
    ) AS "_ps_raw_68",
    (
      "company_size" IS NULL
    )
    OR (
      "signup_date" IS NULL
    )
    OR (
      "status" IS NULL
    )
    OR (
      "total_spend" IS NULL
    ) AS "_ps_same_136"
  FROM _ps_layer_0
), _ps_layer_2 AS (
  SELECT
    *,
    NOT (
      "_ps_same_136"
    ) AS "_ps_book0_1",
    CASE
      WHEN (
        IS_NAN("_ps_let_38")
      ) OR (
        IS_NAN(CAST(6 AS DOUBLE PRECISION))
      )
      THEN FALSE
      ELSE (
        "_ps_let_38"
      ) >= (
        CAST(6 AS DOUBLE PRECISION)
      )
    END AS "_ps_filter_45",
    CASE
      WHEN "_ps_band_46" IS TRUE
      THEN CAST(1000 AS DOUBLE PRECISION)
      WHEN "_ps_band_46" IS NULL
      THEN CAST(500 AS DOUBLE PRECISION)
      WHEN "_ps_band_47" IS TRUE
      THEN CAST(500 AS DOUBLE PRECISION)
      WHEN "_ps_band_47" IS NULL
      THEN CAST(500 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END AS "_ps_units0_48",
    CASE
      WHEN "_ps_band_49" IS TRUE
      THEN CAST(1500 AS DOUBLE PRECISION)
      WHEN "_ps_band_49" IS NULL
      THEN CAST(450 AS DOUBLE PRECISION)
      WHEN "_ps_band_50" IS TRUE
      THEN CAST(600 AS DOUBLE PRECISION)
      WHEN "_ps_band_50" IS NULL
      THEN CAST(450 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END AS "_ps_units1_51",
    CASE
      WHEN (
        "_ps_raw_52" - "_ps_raw_52"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN CAST(10 AS DOUBLE PRECISION) * CASE
        WHEN "_ps_raw_52" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        WHEN "_ps_raw_52" > CAST(1 AS DOUBLE PRECISION)
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE "_ps_raw_52"
      END
      ELSE NULL
    END AS "_ps_x_53",
    CASE
      WHEN "_ps_band_64" IS TRUE
      THEN CAST(1500 AS DOUBLE PRECISION)
      WHEN "_ps_band_64" IS NULL
      THEN CAST(600 AS DOUBLE PRECISION)
      WHEN "_ps_band_65" IS TRUE
      THEN CAST(1200 AS DOUBLE PRECISION)
      WHEN "_ps_band_65" IS NULL
      THEN CAST(600 AS DOUBLE PRECISION)
      WHEN "_ps_band_66" IS TRUE
      THEN CAST(450 AS DOUBLE PRECISION)
      WHEN "_ps_band_66" IS NULL
      THEN CAST(600 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END AS "_ps_units3_67",
    CASE
      WHEN (
        "_ps_raw_68" - "_ps_raw_68"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN CAST(15 AS DOUBLE PRECISION) * CASE
        WHEN "_ps_raw_68" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        WHEN "_ps_raw_68" > CAST(1 AS DOUBLE PRECISION)
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE "_ps_raw_68"
      END
      ELSE NULL
    END AS "_ps_x_69"
  FROM _ps_layer_1
), _ps_t_layer_1 AS (
  SELECT
    *,
    CAST("_ps_id" AS VARCHAR) AS "_ps_key_2",
    CAST("referred_by" AS VARCHAR) AS "_ps_referrer_3",
    COALESCE("lifetime_value", "total_spend") AS "_ps_arg_4",
    (
      "company_size" IS NULL
    )
    OR (
      "signup_date" IS NULL
    )
    OR (
      "status" IS NULL
    )
    OR (
      "total_spend" IS NULL
    ) AS "_ps_same_136"
  FROM _ps_layer_0
), _ps_t_layer_2 AS (
  SELECT
    *,
    NOT (
      "_ps_same_136"
    ) AS "_ps_book0_1"
  FROM _ps_t_layer_1
), _ps_t_nodes AS (
  SELECT
    "_ps_key_2" AS n,
    "_ps_referrer_3" AS p,
    "_ps_arg_4" AS x0
  FROM "_ps_t_layer_2"
  WHERE
    "_ps_book0_1" AND NOT "_ps_key_2" IS NULL
), _ps_t_links AS (
  SELECT
    a.n,
    b.n AS p,
    a.x0
  FROM _ps_t_nodes AS a
  LEFT JOIN _ps_t_nodes AS b
    ON b.n = a.p
), _ps_t_rooted AS (
  SELECT
    n,
    0 AS d
  FROM _ps_t_links
  WHERE
    p IS NULL
  UNION ALL
  SELECT
    l.n,
    t.d + 1 AS d
  FROM _ps_t_rooted AS t
  JOIN _ps_t_links AS l
    ON l.p = t.n
), _ps_t_loose AS (
  SELECT
    l.n,
    l.p,
    COUNT(*) OVER () AS size
  FROM _ps_t_links AS l
  LEFT JOIN _ps_t_rooted AS t
    ON t.n = l.n
  WHERE
    t.n IS NULL
), _ps_t_walk AS (
  SELECT
    n AS s,
    p AS a,
    1 AS k,
    size
  FROM _ps_t_loose
  UNION ALL
  SELECT
    w.s,
    l.p AS a,
    w.k + 1 AS k,
    w.size
  FROM _ps_t_walk AS w
  JOIN _ps_t_loose AS l
    ON l.n = w.a
  WHERE
    w.a <> w.s AND w.k < w.size
), _ps_t_cycles AS (
  SELECT DISTINCT
    s AS n
  FROM _ps_t_walk
  WHERE
    a = s
), _ps_t_loose_depth AS (
  SELECT
    w.s AS n,
    COUNT(DISTINCT w.a) AS d
  FROM _ps_t_walk AS w
  LEFT JOIN _ps_t_cycles AS c
    ON c.n = w.a
  WHERE
    c.n IS NULL
  GROUP BY
    w.s
), _ps_t_forest AS (
  SELECT
    l.n,
    CASE WHEN c.n IS NULL THEN l.p END AS p,
    l.x0
  FROM _ps_t_links AS l
  LEFT JOIN _ps_t_cycles AS c
    ON c.n = l.p
  LEFT JOIN _ps_t_cycles AS me
    ON me.n = l.n
  WHERE
    me.n IS NULL
), _ps_t_desc AS (
  SELECT
    p AS root,
    n AS node,
    1 AS lvl
  FROM _ps_t_forest
  WHERE
    NOT p IS NULL
  UNION ALL
  SELECT
    d.root,
    f.n AS node,
    d.lvl + 1 AS lvl
  FROM _ps_t_desc AS d
  JOIN _ps_t_forest AS f
    ON f.p = d.node
  WHERE
    d.lvl < 2
), _ps_t_terms AS (
  SELECT
    d.root,
    d.lvl,
    CASE
      WHEN d.lvl <= 2
      THEN f.x0 * (
        CASE
          WHEN d.lvl = 1
          THEN CAST('1.0' AS DOUBLE PRECISION)
          WHEN d.lvl = 2
          THEN CAST('0.5' AS DOUBLE PRECISION)
        END
      )
    END AS t0
  FROM _ps_t_desc AS d
  JOIN _ps_t_forest AS f
    ON f.n = d.node
), _ps_t_sum_0 AS (
  SELECT
    *,
    CAST(COUNT(t0) OVER (PARTITION BY root) AS DOUBLE PRECISION) AS "_ps_s1_count",
    MAX(ABS(t0)) OVER (PARTITION BY root) AS "_ps_s2_largest"
  FROM _ps_t_terms
), _ps_t_sum_1 AS (
  SELECT
    *,
    CASE
      WHEN CASE
        WHEN "_ps_s2_largest" IS NULL
        THEN FALSE
        ELSE COALESCE(
          NOT (
            (
              "_ps_s2_largest" - "_ps_s2_largest"
            ) = CAST(0 AS DOUBLE PRECISION)
          )
          OR CASE
            WHEN "_ps_s2_largest" > CAST(0 AS DOUBLE PRECISION)
            THEN CASE
              WHEN CEIL(
                CAST((
                  LN(
                    CASE
                      WHEN "_ps_s2_largest" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s2_largest"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  ) + LN(
                    CASE
                      WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s1_count"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  )
                ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
              ) + CAST(2 AS DOUBLE PRECISION) < CAST(-1000 AS DOUBLE PRECISION)
              THEN CAST(-1000 AS DOUBLE PRECISION)
              ELSE CEIL(
                CAST((
                  LN(
                    CASE
                      WHEN "_ps_s2_largest" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s2_largest"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  ) + LN(
                    CASE
                      WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s1_count"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  )
                ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
              ) + CAST(2 AS DOUBLE PRECISION)
            END
            ELSE CAST(0 AS DOUBLE PRECISION)
          END > CAST(1000 AS DOUBLE PRECISION),
          TRUE
        )
      END
      THEN CAST(1 AS DOUBLE PRECISION)
      ELSE POWER(
        CAST(2 AS DOUBLE PRECISION),
        CASE
          WHEN "_ps_s2_largest" > CAST(0 AS DOUBLE PRECISION)
          THEN CASE
            WHEN CEIL(
              CAST((
                LN(
                  CASE
                    WHEN "_ps_s2_largest" > CAST(0 AS DOUBLE PRECISION)
                    THEN "_ps_s2_largest"
                    ELSE CAST(1 AS DOUBLE PRECISION)
                  END
                ) + LN(
                  CASE
                    WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                    THEN "_ps_s1_count"
                    ELSE CAST(1 AS DOUBLE PRECISION)
                  END
                )
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION) < CAST(-1000 AS DOUBLE PRECISION)
            THEN CAST(-1000 AS DOUBLE PRECISION)
            ELSE CEIL(
              CAST((
                LN(
                  CASE
                    WHEN "_ps_s2_largest" > CAST(0 AS DOUBLE PRECISION)
                    THEN "_ps_s2_largest"
                    ELSE CAST(1 AS DOUBLE PRECISION)
                  END
                ) + LN(
                  CASE
                    WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                    THEN "_ps_s1_count"
                    ELSE CAST(1 AS DOUBLE PRECISION)
                  END
                )
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION)
          END
          ELSE CAST(0 AS DOUBLE PRECISION)
        END
      )
    END AS "_ps_s3_split"
  FROM _ps_t_sum_0
), _ps_t_sum_2 AS (
  SELECT
    *,
    (
      "_ps_s3_split" + t0
    ) - "_ps_s3_split" AS "_ps_s4_q"
  FROM _ps_t_sum_1
), _ps_t_sum_3 AS (
  SELECT
    *,
    t0 - "_ps_s4_q" AS "_ps_s5_rest"
  FROM _ps_t_sum_2
), _ps_t_sum_4 AS (
  SELECT
    *,
    MAX(ABS("_ps_s5_rest")) OVER (PARTITION BY root) AS "_ps_s6_largest2"
  FROM _ps_t_sum_3
), _ps_t_sum_5 AS (
  SELECT
    *,
    CASE
      WHEN CASE
        WHEN "_ps_s6_largest2" IS NULL
        THEN FALSE
        ELSE COALESCE(
          NOT (
            (
              "_ps_s6_largest2" - "_ps_s6_largest2"
            ) = CAST(0 AS DOUBLE PRECISION)
          )
          OR CASE
            WHEN "_ps_s6_largest2" > CAST(0 AS DOUBLE PRECISION)
            THEN CASE
              WHEN CEIL(
                CAST((
                  LN(
                    CASE
                      WHEN "_ps_s6_largest2" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s6_largest2"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  ) + LN(
                    CASE
                      WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s1_count"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  )
                ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
              ) + CAST(2 AS DOUBLE PRECISION) < CAST(-1000 AS DOUBLE PRECISION)
              THEN CAST(-1000 AS DOUBLE PRECISION)
              ELSE CEIL(
                CAST((
                  LN(
                    CASE
                      WHEN "_ps_s6_largest2" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s6_largest2"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  ) + LN(
                    CASE
                      WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s1_count"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  )
                ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
              ) + CAST(2 AS DOUBLE PRECISION)
            END
            ELSE CAST(0 AS DOUBLE PRECISION)
          END > CAST(1000 AS DOUBLE PRECISION),
          TRUE
        )
      END
      THEN CAST(1 AS DOUBLE PRECISION)
      ELSE POWER(
        CAST(2 AS DOUBLE PRECISION),
        CASE
          WHEN "_ps_s6_largest2" > CAST(0 AS DOUBLE PRECISION)
          THEN CASE
            WHEN CEIL(
              CAST((
                LN(
                  CASE
                    WHEN "_ps_s6_largest2" > CAST(0 AS DOUBLE PRECISION)
                    THEN "_ps_s6_largest2"
                    ELSE CAST(1 AS DOUBLE PRECISION)
                  END
                ) + LN(
                  CASE
                    WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                    THEN "_ps_s1_count"
                    ELSE CAST(1 AS DOUBLE PRECISION)
                  END
                )
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION) < CAST(-1000 AS DOUBLE PRECISION)
            THEN CAST(-1000 AS DOUBLE PRECISION)
            ELSE CEIL(
              CAST((
                LN(
                  CASE
                    WHEN "_ps_s6_largest2" > CAST(0 AS DOUBLE PRECISION)
                    THEN "_ps_s6_largest2"
                    ELSE CAST(1 AS DOUBLE PRECISION)
                  END
                ) + LN(
                  CASE
                    WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                    THEN "_ps_s1_count"
                    ELSE CAST(1 AS DOUBLE PRECISION)
                  END
                )
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION)
          END
          ELSE CAST(0 AS DOUBLE PRECISION)
        END
      )
    END AS "_ps_s7_split2"
  FROM _ps_t_sum_4
), _ps_t_sum_6 AS (
  SELECT
    *,
    (
      "_ps_s7_split2" + "_ps_s5_rest"
    ) - "_ps_s7_split2" AS "_ps_s8_q2"
  FROM _ps_t_sum_5
), _ps_t_sum_7 AS (
  SELECT
    *,
    "_ps_s5_rest" - "_ps_s8_q2" AS "_ps_s9_rest2",
    SUM("_ps_s4_q") OVER (PARTITION BY root) AS "_ps_s10_tau",
    SUM("_ps_s8_q2") OVER (PARTITION BY root) AS "_ps_s11_rho"
  FROM _ps_t_sum_6
), _ps_t_sum_8 AS (
  SELECT
    *,
    SUM("_ps_s9_rest2") OVER (PARTITION BY root) AS "_ps_s12_rho2",
    "_ps_s10_tau" + "_ps_s11_rho" AS "_ps_s13_h"
  FROM _ps_t_sum_7
), _ps_t_sum_9 AS (
  SELECT
    *,
    (
      "_ps_s10_tau" - (
        "_ps_s13_h" - (
          "_ps_s13_h" - "_ps_s10_tau"
        )
      )
    ) + (
      "_ps_s11_rho" - (
        "_ps_s13_h" - "_ps_s10_tau"
      )
    ) AS "_ps_s14_lo"
  FROM _ps_t_sum_8
), _ps_t_sum_10 AS (
  SELECT
    *,
    CASE
      WHEN (
        (
          "_ps_s14_lo" <> CAST(0 AS DOUBLE PRECISION)
          AND (
            (
              "_ps_s13_h" + CAST(2 AS DOUBLE PRECISION) * "_ps_s14_lo"
            ) - "_ps_s13_h"
          ) = CAST(2 AS DOUBLE PRECISION) * "_ps_s14_lo"
        )
        AND "_ps_s12_rho2" <> CAST(0 AS DOUBLE PRECISION)
      )
      AND (
        "_ps_s12_rho2" > CAST(0 AS DOUBLE PRECISION)
      ) = (
        "_ps_s14_lo" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN "_ps_s13_h" + CAST(2 AS DOUBLE PRECISION) * "_ps_s14_lo"
      WHEN (
        "_ps_s14_lo" <> CAST(0 AS DOUBLE PRECISION)
        AND (
          (
            "_ps_s13_h" + CAST(2 AS DOUBLE PRECISION) * "_ps_s14_lo"
          ) - "_ps_s13_h"
        ) = CAST(2 AS DOUBLE PRECISION) * "_ps_s14_lo"
      )
      AND "_ps_s12_rho2" <> CAST(0 AS DOUBLE PRECISION)
      THEN "_ps_s13_h"
      ELSE "_ps_s13_h" + (
        "_ps_s14_lo" + "_ps_s12_rho2"
      )
    END AS "_ps_s15_sum",
    CASE
      WHEN CASE
        WHEN "_ps_s2_largest" IS NULL
        THEN FALSE
        ELSE COALESCE(
          NOT (
            (
              "_ps_s2_largest" - "_ps_s2_largest"
            ) = CAST(0 AS DOUBLE PRECISION)
          )
          OR CASE
            WHEN "_ps_s2_largest" > CAST(0 AS DOUBLE PRECISION)
            THEN CASE
              WHEN CEIL(
                CAST((
                  LN(
                    CASE
                      WHEN "_ps_s2_largest" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s2_largest"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  ) + LN(
                    CASE
                      WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s1_count"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  )
                ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
              ) + CAST(2 AS DOUBLE PRECISION) < CAST(-1000 AS DOUBLE PRECISION)
              THEN CAST(-1000 AS DOUBLE PRECISION)
              ELSE CEIL(
                CAST((
                  LN(
                    CASE
                      WHEN "_ps_s2_largest" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s2_largest"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  ) + LN(
                    CASE
                      WHEN "_ps_s1_count" > CAST(0 AS DOUBLE PRECISION)
                      THEN "_ps_s1_count"
                      ELSE CAST(1 AS DOUBLE PRECISION)
                    END
                  )
                ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
              ) + CAST(2 AS DOUBLE PRECISION)
            END
            ELSE CAST(0 AS DOUBLE PRECISION)
          END > CAST(1000 AS DOUBLE PRECISION),
          TRUE
        )
      END
      THEN 1
      ELSE 0
    END AS "_ps_s16_out"
  FROM _ps_t_sum_9
), _ps_t_agg AS (
  SELECT
    root,
    MAX("_ps_s15_sum") AS sum0,
    SUM(CASE WHEN lvl <= 1 THEN 1 ELSE 0 END) AS cnt1,
    SUM(CASE WHEN lvl <= 2 THEN 1 ELSE 0 END) AS cnt2,
    MAX(GREATEST("_ps_s16_out", 0)) AS out
  FROM _ps_t_sum_10
  GROUP BY
    root
), _ps_t_refs AS (
  SELECT
    l.n AS _ps_node,
    MAX(CASE WHEN c.n IS NULL THEN 0 ELSE 1 END) AS _ps_r_cyc,
    MAX(COALESCE(t.d, ld.d, 0)) AS _ps_r_depth,
    MAX(g.sum0) AS _ps_r_sum0,
    MAX(g.cnt1) AS _ps_r_cnt1,
    MAX(g.cnt2) AS _ps_r_cnt2,
    MAX(g.out) AS _ps_r_out
  FROM _ps_t_links AS l
  LEFT JOIN _ps_t_cycles AS c
    ON c.n = l.n
  LEFT JOIN _ps_t_rooted AS t
    ON t.n = l.n
  LEFT JOIN _ps_t_loose_depth AS ld
    ON ld.n = l.n
  LEFT JOIN _ps_t_agg AS g
    ON g.root = l.n
  GROUP BY
    l.n
), _ps_layer_3 AS (
  SELECT
    _ps_layer_2.*,
    COALESCE("_ps_t_refs"."_ps_r_cyc", 0) = 1 AS "_ps_in_cycle_5",
    COALESCE("_ps_t_refs"."_ps_r_out", 0) = 1 AS "_ps_tree_out_6",
    COALESCE("_ps_t_refs"."_ps_r_sum0", CAST('0.0' AS DOUBLE PRECISION)) AS "_ps_referred_sum_8",
    CAST(COALESCE("_ps_t_refs"."_ps_r_cnt1", 0) AS DOUBLE PRECISION) AS "_ps_referred_36",
    CAST(COALESCE("_ps_t_refs"."_ps_r_cnt2", 0) AS DOUBLE PRECISION) AS "_ps_referred_37",
    "_ps_filter_44" IS TRUE AND "_ps_filter_45" IS TRUE AS "_ps_eligible",
    ABS("_ps_x_53") AS "_ps_abs_54",
    ABS("_ps_x_69") AS "_ps_abs_70"
  FROM _ps_layer_2
  LEFT JOIN _ps_t_refs
    ON "_ps_layer_2"."_ps_key_2" = "_ps_t_refs"."_ps_node"
), _ps_layer_4 AS (
  SELECT
    *,
    "_ps_book0_1" AND NOT "_ps_in_cycle_5" AS "_ps_book_7",
    (
      "_ps_let_39"
    ) + (
      "_ps_referred_sum_8"
    ) AS "_ps_let_40",
    (
      "_ps_referred_37"
    ) - (
      "_ps_referred_36"
    ) AS "_ps_let_43",
    "_ps_abs_54" * CAST(100 AS DOUBLE PRECISION) AS "_ps_scaled_55",
    "_ps_abs_70" * CAST(100 AS DOUBLE PRECISION) AS "_ps_scaled_71"
  FROM _ps_layer_3
), _ps_layer_5 AS (
  SELECT
    *,
    CASE WHEN "_ps_book_7" THEN "_ps_arg_9" ELSE NULL END AS "_ps_x_11",
    CASE WHEN "_ps_book_7" THEN "_ps_arg_16" ELSE NULL END AS "_ps_x_17",
    "_ps_scaled_55" < CAST('1000000000000000.0' AS DOUBLE PRECISION)
    AND ABS("_ps_scaled_55" - FLOOR("_ps_scaled_55") - CAST('0.5' AS DOUBLE PRECISION)) > "_ps_scaled_55" * CAST('9.094947017729282e-13' AS DOUBLE PRECISION) AS "_ps_plain_56",
    "_ps_scaled_71" < CAST('1000000000000000.0' AS DOUBLE PRECISION)
    AND ABS("_ps_scaled_71" - FLOOR("_ps_scaled_71") - CAST('0.5' AS DOUBLE PRECISION)) > "_ps_scaled_71" * CAST('9.094947017729282e-13' AS DOUBLE PRECISION) AS "_ps_plain_72",
    CASE
      WHEN CASE
        WHEN (
          IS_NAN(CAST(0 AS DOUBLE PRECISION))
        )
        OR (
          IS_NAN(CAST(200000 AS DOUBLE PRECISION))
        )
        THEN FALSE
        ELSE (
          CAST(0 AS DOUBLE PRECISION)
        ) = (
          CAST(200000 AS DOUBLE PRECISION)
        )
      END
      THEN CASE
        WHEN CASE
          WHEN (
            IS_NAN("_ps_let_40")
          ) OR (
            IS_NAN(CAST(200000 AS DOUBLE PRECISION))
          )
          THEN FALSE
          ELSE (
            "_ps_let_40"
          ) >= (
            CAST(200000 AS DOUBLE PRECISION)
          )
        END
        THEN CAST('1.0' AS DOUBLE PRECISION)
        ELSE CAST('0.0' AS DOUBLE PRECISION)
      END
      ELSE CASE
        WHEN CASE
          WHEN (
            IS_NAN(
              CAST((
                "_ps_let_40" - CAST(0 AS DOUBLE PRECISION)
              ) AS DOUBLE PRECISION) / (
                CAST(200000 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
              )
            )
          )
          OR (
            IS_NAN(CAST(0 AS DOUBLE PRECISION))
          )
          THEN FALSE
          ELSE (
            CAST((
              "_ps_let_40" - CAST(0 AS DOUBLE PRECISION)
            ) AS DOUBLE PRECISION) / (
              CAST(200000 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
            )
          ) < (
            CAST(0 AS DOUBLE PRECISION)
          )
        END
        THEN CAST('0.0' AS DOUBLE PRECISION)
        WHEN CASE
          WHEN (
            IS_NAN(
              CAST((
                "_ps_let_40" - CAST(0 AS DOUBLE PRECISION)
              ) AS DOUBLE PRECISION) / (
                CAST(200000 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
              )
            )
          )
          OR (
            IS_NAN(CAST(1 AS DOUBLE PRECISION))
          )
          THEN FALSE
          ELSE (
            CAST((
              "_ps_let_40" - CAST(0 AS DOUBLE PRECISION)
            ) AS DOUBLE PRECISION) / (
              CAST(200000 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
            )
          ) > (
            CAST(1 AS DOUBLE PRECISION)
          )
        END
        THEN CAST('1.0' AS DOUBLE PRECISION)
        ELSE CAST((
          "_ps_let_40" - CAST(0 AS DOUBLE PRECISION)
        ) AS DOUBLE PRECISION) / (
          CAST(200000 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
        )
      END
    END AS "_ps_raw_80",
    CASE
      WHEN (
        IS_NAN("_ps_let_43")
      ) OR (
        IS_NAN(CAST(0 AS DOUBLE PRECISION))
      )
      THEN FALSE
      ELSE (
        "_ps_let_43"
      ) > (
        CAST(0 AS DOUBLE PRECISION)
      )
    END AS "_ps_adj_105",
    "_ps_book_7" AND "_ps_eligible" AS "_ps_ranked_109"
  FROM _ps_layer_4
), _ps_layer_6 AS (
  SELECT
    *,
    NOT "_ps_x_11" IS NULL AS "_ps_in_12",
    CAST(COUNT("_ps_x_11") OVER (PARTITION BY "_ps_book_7", "_ps_arg_10") AS DOUBLE PRECISION) AS "_ps_count_13",
    NOT "_ps_x_17" IS NULL AS "_ps_in_18",
    CAST(COUNT("_ps_x_17") OVER (PARTITION BY "_ps_book_7") AS DOUBLE PRECISION) AS "_ps_count_19",
    CAST(COUNT("_ps_x_17") OVER (PARTITION BY "_ps_book_7") AS DOUBLE PRECISION) AS "_ps_count_20",
    MAX(ABS("_ps_x_17")) OVER (PARTITION BY "_ps_book_7") AS "_ps_largest_21",
    CASE WHEN "_ps_plain_56" THEN NULL ELSE "_ps_abs_54" END AS "_ps_abs_57",
    CASE WHEN "_ps_plain_72" THEN NULL ELSE "_ps_abs_70" END AS "_ps_abs_73",
    CASE
      WHEN (
        "_ps_raw_80" - "_ps_raw_80"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN CAST(25 AS DOUBLE PRECISION) * CASE
        WHEN "_ps_raw_80" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        WHEN "_ps_raw_80" > CAST(1 AS DOUBLE PRECISION)
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE "_ps_raw_80"
      END
      ELSE NULL
    END AS "_ps_x_81",
    SUM(
      CASE
        WHEN "_ps_ranked_109"
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    ) OVER () AS "_ps_n_ranked_110"
  FROM _ps_layer_5
), _ps_layer_7 AS (
  SELECT
    *,
    CAST(RANK() OVER (PARTITION BY "_ps_in_12", "_ps_arg_10" ORDER BY "_ps_x_11" ASC) AS DOUBLE PRECISION) AS "_ps_rank_14",
    CASE
      WHEN "_ps_abs_57" >= CAST('100.0' AS DOUBLE PRECISION)
      THEN CAST(1000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_57" >= CAST('10.0' AS DOUBLE PRECISION)
      THEN CAST(10000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_57" >= CAST('1.0' AS DOUBLE PRECISION)
      THEN CAST(100000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_57" >= CAST('0.1' AS DOUBLE PRECISION)
      THEN CAST(1000000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_57" >= CAST('0.01' AS DOUBLE PRECISION)
      THEN CAST('1e+16' AS DOUBLE PRECISION)
      WHEN "_ps_abs_57" >= CAST('0.001' AS DOUBLE PRECISION)
      THEN CAST('1e+17' AS DOUBLE PRECISION)
    END AS "_ps_pow_58",
    CASE
      WHEN "_ps_abs_73" >= CAST('100.0' AS DOUBLE PRECISION)
      THEN CAST(1000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_73" >= CAST('10.0' AS DOUBLE PRECISION)
      THEN CAST(10000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_73" >= CAST('1.0' AS DOUBLE PRECISION)
      THEN CAST(100000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_73" >= CAST('0.1' AS DOUBLE PRECISION)
      THEN CAST(1000000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_73" >= CAST('0.01' AS DOUBLE PRECISION)
      THEN CAST('1e+16' AS DOUBLE PRECISION)
      WHEN "_ps_abs_73" >= CAST('0.001' AS DOUBLE PRECISION)
      THEN CAST('1e+17' AS DOUBLE PRECISION)
    END AS "_ps_pow_74",
    ABS("_ps_x_81") AS "_ps_abs_82",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_57" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_57" - "_ps_abs_57"
    ) AS "_ps_same_145",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_73" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_73" - "_ps_abs_73"
    ) AS "_ps_same_147",
    CASE
      WHEN "_ps_largest_21" > CAST(0 AS DOUBLE PRECISION)
      THEN "_ps_largest_21"
      ELSE CAST(1 AS DOUBLE PRECISION)
    END AS "_ps_same_153",
    CASE
      WHEN "_ps_count_20" > CAST(0 AS DOUBLE PRECISION)
      THEN "_ps_count_20"
      ELSE CAST(1 AS DOUBLE PRECISION)
    END AS "_ps_same_154",
    FLOOR(
      (
        "_ps_n_ranked_110" * CAST(1 AS DOUBLE PRECISION)
      ) / CAST(5 AS DOUBLE PRECISION)
    ) AS "_ps_same_156"
  FROM _ps_layer_6
), _ps_layer_8 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_arg_10" IS NULL
      THEN NULL
      ELSE CASE
        WHEN "_ps_x_11" IS NULL
        THEN NULL
        WHEN "_ps_count_13" <= CAST(1 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CAST((
          "_ps_rank_14" - CAST(1 AS DOUBLE PRECISION)
        ) AS DOUBLE PRECISION) / (
          "_ps_count_13" - CAST(1 AS DOUBLE PRECISION)
        )
      END
    END AS "_ps_pf_15",
    "_ps_abs_57" * "_ps_pow_58" AS "_ps_p_59",
    "_ps_abs_73" * "_ps_pow_74" AS "_ps_p_75",
    "_ps_abs_82" * CAST(100 AS DOUBLE PRECISION) AS "_ps_scaled_83",
    CASE
      WHEN "_ps_largest_21" IS NULL
      THEN FALSE
      ELSE COALESCE(
        NOT (
          (
            "_ps_largest_21" - "_ps_largest_21"
          ) = CAST(0 AS DOUBLE PRECISION)
        )
        OR CASE
          WHEN "_ps_largest_21" > CAST(0 AS DOUBLE PRECISION)
          THEN CASE
            WHEN CEIL(
              CAST((
                LN("_ps_same_153") + LN("_ps_same_154")
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION) < CAST(-1000 AS DOUBLE PRECISION)
            THEN CAST(-1000 AS DOUBLE PRECISION)
            ELSE CEIL(
              CAST((
                LN("_ps_same_153") + LN("_ps_same_154")
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION)
          END
          ELSE CAST(0 AS DOUBLE PRECISION)
        END > CAST(1000 AS DOUBLE PRECISION),
        TRUE
      )
    END AS "_ps_same_133",
    CASE
      WHEN "_ps_same_156" * CAST(5 AS DOUBLE PRECISION) > (
        "_ps_n_ranked_110" * CAST(1 AS DOUBLE PRECISION)
      )
      THEN "_ps_same_156" - CAST(1 AS DOUBLE PRECISION)
      ELSE "_ps_same_156"
    END AS "_ps_same_134",
    "_ps_abs_57" - (
      "_ps_same_145"
    ) AS "_ps_same_138",
    "_ps_abs_73" - (
      "_ps_same_147"
    ) AS "_ps_same_140",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_58" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_58" - "_ps_pow_58"
    ) AS "_ps_same_146",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_74" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_74" - "_ps_pow_74"
    ) AS "_ps_same_148"
  FROM _ps_layer_7
), _ps_layer_9 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_same_133"
      THEN CAST(1 AS DOUBLE PRECISION)
      ELSE POWER(
        CAST(2 AS DOUBLE PRECISION),
        CASE
          WHEN "_ps_largest_21" > CAST(0 AS DOUBLE PRECISION)
          THEN CASE
            WHEN CEIL(
              CAST((
                LN("_ps_same_153") + LN("_ps_same_154")
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION) < CAST(-1000 AS DOUBLE PRECISION)
            THEN CAST(-1000 AS DOUBLE PRECISION)
            ELSE CEIL(
              CAST((
                LN("_ps_same_153") + LN("_ps_same_154")
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION)
          END
          ELSE CAST(0 AS DOUBLE PRECISION)
        END
      )
    END AS "_ps_split_22",
    "_ps_pf_15" AS "_ps_let_41",
    "_ps_scaled_83" < CAST('1000000000000000.0' AS DOUBLE PRECISION)
    AND ABS("_ps_scaled_83" - FLOOR("_ps_scaled_83") - CAST('0.5' AS DOUBLE PRECISION)) > "_ps_scaled_83" * CAST('9.094947017729282e-13' AS DOUBLE PRECISION) AS "_ps_plain_84",
    CASE
      WHEN "_ps_book0_1" AND (
        (
          "_ps_tree_out_6"
        ) OR (
          "_ps_same_133"
        )
      )
      THEN 1
      ELSE 0
    END AS "_ps_row_unknown_128",
    CASE
      WHEN (
        "_ps_same_134"
      ) * CAST(5 AS DOUBLE PRECISION) < (
        "_ps_n_ranked_110" * CAST(1 AS DOUBLE PRECISION)
      )
      THEN (
        "_ps_same_134"
      ) + CAST(1 AS DOUBLE PRECISION)
      ELSE (
        "_ps_same_134"
      )
    END AS "_ps_same_132",
    "_ps_pow_58" - (
      "_ps_same_146"
    ) AS "_ps_same_137",
    "_ps_pow_74" - (
      "_ps_same_148"
    ) AS "_ps_same_139"
  FROM _ps_layer_8
), _ps_layer_10 AS (
  SELECT
    *,
    (
      "_ps_split_22" + "_ps_x_17"
    ) - "_ps_split_22" AS "_ps_q_23",
    (
      (
        (
          "_ps_same_145"
        ) * (
          "_ps_same_146"
        ) - (
          "_ps_abs_57" * "_ps_pow_58"
        )
      ) + (
        "_ps_same_145"
      ) * (
        "_ps_same_137"
      ) + (
        "_ps_same_138"
      ) * (
        "_ps_same_146"
      )
    ) + (
      "_ps_same_138"
    ) * (
      "_ps_same_137"
    ) AS "_ps_e_60",
    (
      (
        (
          "_ps_same_147"
        ) * (
          "_ps_same_148"
        ) - (
          "_ps_abs_73" * "_ps_pow_74"
        )
      ) + (
        "_ps_same_147"
      ) * (
        "_ps_same_139"
      ) + (
        "_ps_same_140"
      ) * (
        "_ps_same_148"
      )
    ) + (
      "_ps_same_140"
    ) * (
      "_ps_same_139"
    ) AS "_ps_e_76",
    CASE WHEN "_ps_plain_84" THEN NULL ELSE "_ps_abs_82" END AS "_ps_abs_85",
    "_ps_let_41" AS "_ps_raw_92",
    MAX("_ps_row_unknown_128") OVER () = 1 AS "_ps_run_unknown_129",
    CASE
      WHEN (
        "_ps_same_132"
      ) < CAST(1 AS DOUBLE PRECISION)
      THEN CAST(1 AS DOUBLE PRECISION)
      ELSE (
        "_ps_same_132"
      )
    END AS "_ps_same_131"
  FROM _ps_layer_9
), _ps_layer_11 AS (
  SELECT
    *,
    "_ps_x_17" - "_ps_q_23" AS "_ps_rest_24",
    SUM("_ps_q_23") OVER (PARTITION BY "_ps_book_7") AS "_ps_tau_29",
    CASE
      WHEN (
        "_ps_p_59" - FLOOR("_ps_p_59")
      ) > CAST('0.5' AS DOUBLE PRECISION)
      OR (
        (
          "_ps_p_59" - FLOOR("_ps_p_59")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_60" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN FLOOR("_ps_p_59") + CAST(1 AS DOUBLE PRECISION)
      WHEN (
        (
          "_ps_p_59" - FLOOR("_ps_p_59")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_60" = CAST(0 AS DOUBLE PRECISION)
      )
      AND FLOOR("_ps_p_59") % CAST(2 AS DOUBLE PRECISION) <> CAST(0 AS DOUBLE PRECISION)
      THEN FLOOR("_ps_p_59") + CAST(1 AS DOUBLE PRECISION)
      ELSE FLOOR("_ps_p_59")
    END AS "_ps_digits_61",
    CASE
      WHEN (
        "_ps_p_75" - FLOOR("_ps_p_75")
      ) > CAST('0.5' AS DOUBLE PRECISION)
      OR (
        (
          "_ps_p_75" - FLOOR("_ps_p_75")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_76" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN FLOOR("_ps_p_75") + CAST(1 AS DOUBLE PRECISION)
      WHEN (
        (
          "_ps_p_75" - FLOOR("_ps_p_75")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_76" = CAST(0 AS DOUBLE PRECISION)
      )
      AND FLOOR("_ps_p_75") % CAST(2 AS DOUBLE PRECISION) <> CAST(0 AS DOUBLE PRECISION)
      THEN FLOOR("_ps_p_75") + CAST(1 AS DOUBLE PRECISION)
      ELSE FLOOR("_ps_p_75")
    END AS "_ps_digits_77",
    CASE
      WHEN "_ps_abs_85" >= CAST('100.0' AS DOUBLE PRECISION)
      THEN CAST(1000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_85" >= CAST('10.0' AS DOUBLE PRECISION)
      THEN CAST(10000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_85" >= CAST('1.0' AS DOUBLE PRECISION)
      THEN CAST(100000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_85" >= CAST('0.1' AS DOUBLE PRECISION)
      THEN CAST(1000000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_85" >= CAST('0.01' AS DOUBLE PRECISION)
      THEN CAST('1e+16' AS DOUBLE PRECISION)
      WHEN "_ps_abs_85" >= CAST('0.001' AS DOUBLE PRECISION)
      THEN CAST('1e+17' AS DOUBLE PRECISION)
    END AS "_ps_pow_86",
    CASE
      WHEN (
        "_ps_raw_92" - "_ps_raw_92"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN CAST(10 AS DOUBLE PRECISION) * CASE
        WHEN "_ps_raw_92" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        WHEN "_ps_raw_92" > CAST(1 AS DOUBLE PRECISION)
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE "_ps_raw_92"
      END
      ELSE NULL
    END AS "_ps_x_93",
    CASE
      WHEN (
        "_ps_same_131"
      ) > "_ps_n_ranked_110"
      THEN "_ps_n_ranked_110"
      ELSE (
        "_ps_same_131"
      )
    END AS "_ps_k0_112",
    "_ps_same_136" OR (
      "_ps_run_unknown_129"
    ) OR (
      "_ps_in_cycle_5"
    ) AS "_ps_fallback_130",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_85" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_85" - "_ps_abs_85"
    ) AS "_ps_same_149"
  FROM _ps_layer_10
), _ps_layer_12 AS (
  SELECT
    *,
    MAX(ABS("_ps_rest_24")) OVER (PARTITION BY "_ps_book_7") AS "_ps_largest2_25",
    CASE
      WHEN "_ps_plain_56"
      THEN FLOOR("_ps_scaled_55" + CAST('0.5' AS DOUBLE PRECISION))
      ELSE CASE
        WHEN (
          "_ps_pow_58"
        ) IS NULL
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CASE
          WHEN "_ps_pow_58" = CAST(1000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_61" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_61" + CAST(5000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_61" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_61" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_58" = CAST(10000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_61" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_61" + CAST(50000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_61" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_61" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_58" = CAST(100000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_61" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_61" + CAST(500000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_61" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_61" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_58" = CAST(1000000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_61" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_61" + CAST(5000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_61" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_61" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_58" = CAST('1e+16' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_61" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_61" + CAST(50000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_61" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_61" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_58" = CAST('1e+17' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_61" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_61" + CAST(500000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_61" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_61" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            )
          END
        END
      END
    END AS "_ps_units_62",
    CASE
      WHEN "_ps_plain_72"
      THEN FLOOR("_ps_scaled_71" + CAST('0.5' AS DOUBLE PRECISION))
      ELSE CASE
        WHEN (
          "_ps_pow_74"
        ) IS NULL
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CASE
          WHEN "_ps_pow_74" = CAST(1000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_77" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_77" + CAST(5000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_77" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_77" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_74" = CAST(10000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_77" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_77" + CAST(50000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_77" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_77" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_74" = CAST(100000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_77" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_77" + CAST(500000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_77" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_77" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_74" = CAST(1000000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_77" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_77" + CAST(5000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_77" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_77" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_74" = CAST('1e+16' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_77" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_77" + CAST(50000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_77" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_77" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_74" = CAST('1e+17' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_77" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_77" + CAST(500000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_77" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_77" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            )
          END
        END
      END
    END AS "_ps_units_78",
    "_ps_abs_85" * "_ps_pow_86" AS "_ps_p_87",
    ABS("_ps_x_93") AS "_ps_abs_94",
    "_ps_abs_85" - (
      "_ps_same_149"
    ) AS "_ps_same_142",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_86" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_86" - "_ps_pow_86"
    ) AS "_ps_same_150"
  FROM _ps_layer_11
), _ps_layer_13 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_x_53" IS NULL
      THEN CAST(500 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_units_62" > CAST(0 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_x_53" < CAST(0 AS DOUBLE PRECISION)
          THEN -"_ps_units_62"
          ELSE "_ps_units_62"
        END
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    END AS "_ps_units2_63",
    CASE
      WHEN "_ps_x_69" IS NULL
      THEN CAST(300 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_units_78" > CAST(0 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_x_69" < CAST(0 AS DOUBLE PRECISION)
          THEN -"_ps_units_78"
          ELSE "_ps_units_78"
        END
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    END AS "_ps_units4_79",
    "_ps_abs_94" * CAST(100 AS DOUBLE PRECISION) AS "_ps_scaled_95",
    "_ps_pow_86" - (
      "_ps_same_150"
    ) AS "_ps_same_141",
    CASE
      WHEN "_ps_largest2_25" > CAST(0 AS DOUBLE PRECISION)
      THEN "_ps_largest2_25"
      ELSE CAST(1 AS DOUBLE PRECISION)
    END AS "_ps_same_155"
  FROM _ps_layer_12
), _ps_layer_14 AS (
  SELECT
    *,
    CASE
      WHEN CASE
        WHEN "_ps_largest2_25" IS NULL
        THEN FALSE
        ELSE COALESCE(
          NOT (
            (
              "_ps_largest2_25" - "_ps_largest2_25"
            ) = CAST(0 AS DOUBLE PRECISION)
          )
          OR CASE
            WHEN "_ps_largest2_25" > CAST(0 AS DOUBLE PRECISION)
            THEN CASE
              WHEN CEIL(
                CAST((
                  LN("_ps_same_155") + LN("_ps_same_154")
                ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
              ) + CAST(2 AS DOUBLE PRECISION) < CAST(-1000 AS DOUBLE PRECISION)
              THEN CAST(-1000 AS DOUBLE PRECISION)
              ELSE CEIL(
                CAST((
                  LN("_ps_same_155") + LN("_ps_same_154")
                ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
              ) + CAST(2 AS DOUBLE PRECISION)
            END
            ELSE CAST(0 AS DOUBLE PRECISION)
          END > CAST(1000 AS DOUBLE PRECISION),
          TRUE
        )
      END
      THEN CAST(1 AS DOUBLE PRECISION)
      ELSE POWER(
        CAST(2 AS DOUBLE PRECISION),
        CASE
          WHEN "_ps_largest2_25" > CAST(0 AS DOUBLE PRECISION)
          THEN CASE
            WHEN CEIL(
              CAST((
                LN("_ps_same_155") + LN("_ps_same_154")
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION) < CAST(-1000 AS DOUBLE PRECISION)
            THEN CAST(-1000 AS DOUBLE PRECISION)
            ELSE CEIL(
              CAST((
                LN("_ps_same_155") + LN("_ps_same_154")
              ) AS DOUBLE PRECISION) / LN(CAST(2 AS DOUBLE PRECISION))
            ) + CAST(2 AS DOUBLE PRECISION)
          END
          ELSE CAST(0 AS DOUBLE PRECISION)
        END
      )
    END AS "_ps_split2_26",
    (
      (
        (
          "_ps_same_149"
        ) * (
          "_ps_same_150"
        ) - (
          "_ps_abs_85" * "_ps_pow_86"
        )
      ) + (
        "_ps_same_149"
      ) * (
        "_ps_same_141"
      ) + (
        "_ps_same_142"
      ) * (
        "_ps_same_150"
      )
    ) + (
      "_ps_same_142"
    ) * (
      "_ps_same_141"
    ) AS "_ps_e_88",
    "_ps_scaled_95" < CAST('1000000000000000.0' AS DOUBLE PRECISION)
    AND ABS("_ps_scaled_95" - FLOOR("_ps_scaled_95") - CAST('0.5' AS DOUBLE PRECISION)) > "_ps_scaled_95" * CAST('9.094947017729282e-13' AS DOUBLE PRECISION) AS "_ps_plain_96"
  FROM _ps_layer_13
), _ps_layer_15 AS (
  SELECT
    *,
    (
      "_ps_split2_26" + "_ps_rest_24"
    ) - "_ps_split2_26" AS "_ps_q2_27",
    CASE
      WHEN (
        "_ps_p_87" - FLOOR("_ps_p_87")
      ) > CAST('0.5' AS DOUBLE PRECISION)
      OR (
        (
          "_ps_p_87" - FLOOR("_ps_p_87")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_88" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN FLOOR("_ps_p_87") + CAST(1 AS DOUBLE PRECISION)
      WHEN (
        (
          "_ps_p_87" - FLOOR("_ps_p_87")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_88" = CAST(0 AS DOUBLE PRECISION)
      )
      AND FLOOR("_ps_p_87") % CAST(2 AS DOUBLE PRECISION) <> CAST(0 AS DOUBLE PRECISION)
      THEN FLOOR("_ps_p_87") + CAST(1 AS DOUBLE PRECISION)
      ELSE FLOOR("_ps_p_87")
    END AS "_ps_digits_89",
    CASE WHEN "_ps_plain_96" THEN NULL ELSE "_ps_abs_94" END AS "_ps_abs_97"
  FROM _ps_layer_14
), _ps_layer_16 AS (
  SELECT
    *,
    "_ps_rest_24" - "_ps_q2_27" AS "_ps_rest2_28",
    SUM("_ps_q2_27") OVER (PARTITION BY "_ps_book_7") AS "_ps_rho_30",
    CASE
      WHEN "_ps_plain_84"
      THEN FLOOR("_ps_scaled_83" + CAST('0.5' AS DOUBLE PRECISION))
      ELSE CASE
        WHEN (
          "_ps_pow_86"
        ) IS NULL
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CASE
          WHEN "_ps_pow_86" = CAST(1000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_89" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_89" + CAST(5000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_89" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_89" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_86" = CAST(10000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_89" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_89" + CAST(50000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_89" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_89" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_86" = CAST(100000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_89" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_89" + CAST(500000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_89" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_89" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_86" = CAST(1000000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_89" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_89" + CAST(5000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_89" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_89" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_86" = CAST('1e+16' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_89" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_89" + CAST(50000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_89" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_89" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_86" = CAST('1e+17' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_89" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_89" + CAST(500000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_89" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_89" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            )
          END
        END
      END
    END AS "_ps_units_90",
    CASE
      WHEN "_ps_abs_97" >= CAST('100.0' AS DOUBLE PRECISION)
      THEN CAST(1000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_97" >= CAST('10.0' AS DOUBLE PRECISION)
      THEN CAST(10000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_97" >= CAST('1.0' AS DOUBLE PRECISION)
      THEN CAST(100000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_97" >= CAST('0.1' AS DOUBLE PRECISION)
      THEN CAST(1000000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_97" >= CAST('0.01' AS DOUBLE PRECISION)
      THEN CAST('1e+16' AS DOUBLE PRECISION)
      WHEN "_ps_abs_97" >= CAST('0.001' AS DOUBLE PRECISION)
      THEN CAST('1e+17' AS DOUBLE PRECISION)
    END AS "_ps_pow_98",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_97" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_97" - "_ps_abs_97"
    ) AS "_ps_same_151"
  FROM _ps_layer_15
), _ps_layer_17 AS (
  SELECT
    *,
    SUM("_ps_rest2_28") OVER (PARTITION BY "_ps_book_7") AS "_ps_rho2_31",
    "_ps_tau_29" + "_ps_rho_30" AS "_ps_h_32",
    CASE
      WHEN "_ps_x_81" IS NULL
      THEN CAST(0 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_units_90" > CAST(0 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_x_81" < CAST(0 AS DOUBLE PRECISION)
          THEN -"_ps_units_90"
          ELSE "_ps_units_90"
        END
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    END AS "_ps_units5_91",
    "_ps_abs_97" * "_ps_pow_98" AS "_ps_p_99",
    "_ps_abs_97" - (
      "_ps_same_151"
    ) AS "_ps_same_144",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_98" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_98" - "_ps_pow_98"
    ) AS "_ps_same_152"
  FROM _ps_layer_16
), _ps_layer_18 AS (
  SELECT
    *,
    (
      "_ps_tau_29" - (
        "_ps_h_32" - (
          "_ps_h_32" - "_ps_tau_29"
        )
      )
    ) + (
      "_ps_rho_30" - (
        "_ps_h_32" - "_ps_tau_29"
      )
    ) AS "_ps_lo_33",
    "_ps_pow_98" - (
      "_ps_same_152"
    ) AS "_ps_same_143"
  FROM _ps_layer_17
), _ps_layer_19 AS (
  SELECT
    *,
    (
      (
        (
          "_ps_same_151"
        ) * (
          "_ps_same_152"
        ) - (
          "_ps_abs_97" * "_ps_pow_98"
        )
      ) + (
        "_ps_same_151"
      ) * (
        "_ps_same_143"
      ) + (
        "_ps_same_144"
      ) * (
        "_ps_same_152"
      )
    ) + (
      "_ps_same_144"
    ) * (
      "_ps_same_143"
    ) AS "_ps_e_100",
    (
      "_ps_lo_33" <> CAST(0 AS DOUBLE PRECISION)
      AND (
        (
          "_ps_h_32" + CAST(2 AS DOUBLE PRECISION) * "_ps_lo_33"
        ) - "_ps_h_32"
      ) = CAST(2 AS DOUBLE PRECISION) * "_ps_lo_33"
    )
    AND "_ps_rho2_31" <> CAST(0 AS DOUBLE PRECISION) AS "_ps_same_135"
  FROM _ps_layer_18
), _ps_layer_20 AS (
  SELECT
    *,
    CASE
      WHEN (
        "_ps_same_135"
      )
      AND (
        "_ps_rho2_31" > CAST(0 AS DOUBLE PRECISION)
      ) = (
        "_ps_lo_33" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN "_ps_h_32" + CAST(2 AS DOUBLE PRECISION) * "_ps_lo_33"
      WHEN "_ps_same_135"
      THEN "_ps_h_32"
      ELSE "_ps_h_32" + (
        "_ps_lo_33" + "_ps_rho2_31"
      )
    END AS "_ps_sum_34",
    CASE
      WHEN (
        "_ps_p_99" - FLOOR("_ps_p_99")
      ) > CAST('0.5' AS DOUBLE PRECISION)
      OR (
        (
          "_ps_p_99" - FLOOR("_ps_p_99")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_100" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN FLOOR("_ps_p_99") + CAST(1 AS DOUBLE PRECISION)
      WHEN (
        (
          "_ps_p_99" - FLOOR("_ps_p_99")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_100" = CAST(0 AS DOUBLE PRECISION)
      )
      AND FLOOR("_ps_p_99") % CAST(2 AS DOUBLE PRECISION) <> CAST(0 AS DOUBLE PRECISION)
      THEN FLOOR("_ps_p_99") + CAST(1 AS DOUBLE PRECISION)
      ELSE FLOOR("_ps_p_99")
    END AS "_ps_digits_101"
  FROM _ps_layer_19
), _ps_layer_21 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_x_17" IS NULL
      OR (
        "_ps_sum_34" IS NULL OR "_ps_sum_34" = CAST(0 AS DOUBLE PRECISION)
      )
      THEN NULL
      ELSE CAST("_ps_x_17" AS DOUBLE PRECISION) / "_ps_sum_34"
    END AS "_ps_pf_35",
    CASE
      WHEN "_ps_plain_96"
      THEN FLOOR("_ps_scaled_95" + CAST('0.5' AS DOUBLE PRECISION))
      ELSE CASE
        WHEN (
          "_ps_pow_98"
        ) IS NULL
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CASE
          WHEN "_ps_pow_98" = CAST(1000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_101" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_101" + CAST(5000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_101" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_101" + CAST(5000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_98" = CAST(10000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_101" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_101" + CAST(50000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_101" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_101" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_98" = CAST(100000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_101" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_101" + CAST(500000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_101" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_101" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_98" = CAST(1000000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_101" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_101" + CAST(5000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_101" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_101" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_98" = CAST('1e+16' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_101" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_101" + CAST(50000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_101" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_101" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_98" = CAST('1e+17' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_101" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_101" + CAST(500000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_101" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_101" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            )
          END
        END
      END
    END AS "_ps_units_102"
  FROM _ps_layer_20
), _ps_layer_22 AS (
  SELECT
    *,
    "_ps_pf_35" AS "_ps_let_42",
    CASE
      WHEN "_ps_x_93" IS NULL
      THEN CAST(0 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_units_102" > CAST(0 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_x_93" < CAST(0 AS DOUBLE PRECISION)
          THEN -"_ps_units_102"
          ELSE "_ps_units_102"
        END
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    END AS "_ps_units6_103"
  FROM _ps_layer_21
), _ps_layer_23 AS (
  SELECT
    *,
    CASE
      WHEN (
        IS_NAN("_ps_let_42")
      ) OR (
        IS_NAN(CAST('0.25' AS DOUBLE PRECISION))
      )
      THEN FALSE
      ELSE (
        "_ps_let_42"
      ) > (
        CAST('0.25' AS DOUBLE PRECISION)
      )
    END AS "_ps_adj_104",
    CAST(0 AS DOUBLE PRECISION) + "_ps_units0_48" + "_ps_units1_51" + "_ps_units2_63" + "_ps_units3_67" + "_ps_units4_79" + "_ps_units5_91" + "_ps_units6_103" AS "_ps_factor_units_106"
  FROM _ps_layer_22
), _ps_layer_24 AS (
  SELECT
    *,
    "_ps_factor_units_106" + CASE
      WHEN "_ps_adj_104" IS TRUE
      THEN CAST(-1000 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END + CASE
      WHEN "_ps_adj_105" IS TRUE
      THEN CAST(300 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END AS "_ps_raw_units_107",
    CASE
      WHEN (
        CAST(1000 AS DOUBLE PRECISION) - "_ps_units0_48"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(1000 AS DOUBLE PRECISION) - "_ps_units0_48"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(11 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost0_115",
    CASE
      WHEN (
        CAST(1500 AS DOUBLE PRECISION) - "_ps_units1_51"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(1500 AS DOUBLE PRECISION) - "_ps_units1_51"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(14 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost1_116",
    CASE
      WHEN (
        CAST(1000 AS DOUBLE PRECISION) - "_ps_units2_63"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(1000 AS DOUBLE PRECISION) - "_ps_units2_63"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(10 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost2_117",
    CASE
      WHEN (
        CAST(1500 AS DOUBLE PRECISION) - "_ps_units3_67"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(1500 AS DOUBLE PRECISION) - "_ps_units3_67"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(13 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost3_118",
    CASE
      WHEN (
        CAST(1500 AS DOUBLE PRECISION) - "_ps_units4_79"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(1500 AS DOUBLE PRECISION) - "_ps_units4_79"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(12 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost4_119",
    CASE
      WHEN (
        CAST(2500 AS DOUBLE PRECISION) - "_ps_units5_91"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(2500 AS DOUBLE PRECISION) - "_ps_units5_91"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(15 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost5_120",
    CASE
      WHEN (
        CAST(1000 AS DOUBLE PRECISION) - "_ps_units6_103"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(1000 AS DOUBLE PRECISION) - "_ps_units6_103"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(9 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost6_121",
    CASE
      WHEN "_ps_adj_104" IS TRUE
      THEN CAST(1000 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END AS "_ps_same_157"
  FROM _ps_layer_23
), _ps_layer_25 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_raw_units_107" > CAST(10000 AS DOUBLE PRECISION)
      THEN CAST(10000 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_raw_units_107" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE "_ps_raw_units_107"
      END
    END AS "_ps_total_108",
    CASE
      WHEN (
        "_ps_same_157"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        "_ps_same_157"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(8 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost7_122"
  FROM _ps_layer_24
), _ps_layer_26 AS (
  SELECT
    *,
    CAST(ROW_NUMBER() OVER (PARTITION BY "_ps_ranked_109" ORDER BY "_ps_total_108" DESC NULLS LAST) AS DOUBLE PRECISION) AS "_ps_place_111",
    GREATEST(
      "_ps_lost0_115",
      "_ps_lost1_116",
      "_ps_lost2_117",
      "_ps_lost3_118",
      "_ps_lost4_119",
      "_ps_lost5_120",
      "_ps_lost6_121",
      "_ps_lost7_122"
    ) AS "_ps_top0_123"
  FROM _ps_layer_25
), _ps_layer_27 AS (
  SELECT
    *,
    MAX(
      CASE
        WHEN "_ps_ranked_109" AND "_ps_place_111" = "_ps_k0_112"
        THEN "_ps_total_108"
        ELSE NULL
      END
    ) OVER () AS "_ps_threshold0_113",
    GREATEST(
      CASE
        WHEN "_ps_lost0_115" < "_ps_top0_123"
        THEN "_ps_lost0_115"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost1_116" < "_ps_top0_123"
        THEN "_ps_lost1_116"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost2_117" < "_ps_top0_123"
        THEN "_ps_lost2_117"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost3_118" < "_ps_top0_123"
        THEN "_ps_lost3_118"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost4_119" < "_ps_top0_123"
        THEN "_ps_lost4_119"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost5_120" < "_ps_top0_123"
        THEN "_ps_lost5_120"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost6_121" < "_ps_top0_123"
        THEN "_ps_lost6_121"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost7_122" < "_ps_top0_123"
        THEN "_ps_lost7_122"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END
    ) AS "_ps_top1_124"
  FROM _ps_layer_26
), _ps_layer_28 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_total_108" >= "_ps_threshold0_113"
      THEN 'keeper'
      WHEN "_ps_total_108" >= CAST(6000 AS DOUBLE PRECISION)
      THEN 'solid'
      WHEN "_ps_total_108" >= CAST(4000 AS DOUBLE PRECISION)
      THEN 'watch'
      WHEN "_ps_total_108" >= CAST(0 AS DOUBLE PRECISION)
      THEN 'at_risk'
      ELSE CAST(NULL AS VARCHAR)
    END AS "_ps_tier_114",
    GREATEST(
      CASE
        WHEN "_ps_lost0_115" < "_ps_top1_124"
        THEN "_ps_lost0_115"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost1_116" < "_ps_top1_124"
        THEN "_ps_lost1_116"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost2_117" < "_ps_top1_124"
        THEN "_ps_lost2_117"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost3_118" < "_ps_top1_124"
        THEN "_ps_lost3_118"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost4_119" < "_ps_top1_124"
        THEN "_ps_lost4_119"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost5_120" < "_ps_top1_124"
        THEN "_ps_lost5_120"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost6_121" < "_ps_top1_124"
        THEN "_ps_lost6_121"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost7_122" < "_ps_top1_124"
        THEN "_ps_lost7_122"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END
    ) AS "_ps_top2_125"
  FROM _ps_layer_27
), _ps_layer_29 AS (
  SELECT
    *,
    GREATEST(
      CASE
        WHEN "_ps_lost0_115" < "_ps_top2_125"
        THEN "_ps_lost0_115"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost1_116" < "_ps_top2_125"
        THEN "_ps_lost1_116"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost2_117" < "_ps_top2_125"
        THEN "_ps_lost2_117"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost3_118" < "_ps_top2_125"
        THEN "_ps_lost3_118"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost4_119" < "_ps_top2_125"
        THEN "_ps_lost4_119"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost5_120" < "_ps_top2_125"
        THEN "_ps_lost5_120"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost6_121" < "_ps_top2_125"
        THEN "_ps_lost6_121"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost7_122" < "_ps_top2_125"
        THEN "_ps_lost7_122"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END
    ) AS "_ps_top3_126"
  FROM _ps_layer_28
), _ps_layer_30 AS (
  SELECT
    *,
    ARRAY_CAT(CASE
      WHEN "_ps_top0_123" >= CAST(16 AS DOUBLE PRECISION)
      THEN CASE
        WHEN "_ps_top0_123" = "_ps_lost0_115"
        THEN ARRAY['negotiation']
        WHEN "_ps_top0_123" = "_ps_lost1_116"
        THEN ARRAY['paying_on_time']
        WHEN "_ps_top0_123" = "_ps_lost2_117"
        THEN ARRAY['accounting_work']
        WHEN "_ps_top0_123" = "_ps_lost3_118"
        THEN ARRAY['owner_involvement']
        WHEN "_ps_top0_123" = "_ps_lost4_119"
        THEN ARRAY['wallet_share_growth']
        WHEN "_ps_top0_123" = "_ps_lost5_120"
        THEN ARRAY['lifetime_value_with_referrals']
        WHEN "_ps_top0_123" = "_ps_lost6_121"
        THEN ARRAY['standing_in_size']
        WHEN "_ps_top0_123" = "_ps_lost7_122"
        THEN ARRAY['concentration_risk']
        ELSE CAST(ARRAY[] AS VARCHAR[])
      END
      ELSE CAST(ARRAY[] AS VARCHAR[])
    END, ARRAY_CAT(CASE
      WHEN "_ps_top1_124" >= CAST(16 AS DOUBLE PRECISION)
      THEN CASE
        WHEN "_ps_top1_124" = "_ps_lost0_115"
        THEN ARRAY['negotiation']
        WHEN "_ps_top1_124" = "_ps_lost1_116"
        THEN ARRAY['paying_on_time']
        WHEN "_ps_top1_124" = "_ps_lost2_117"
        THEN ARRAY['accounting_work']
        WHEN "_ps_top1_124" = "_ps_lost3_118"
        THEN ARRAY['owner_involvement']
        WHEN "_ps_top1_124" = "_ps_lost4_119"
        THEN ARRAY['wallet_share_growth']
        WHEN "_ps_top1_124" = "_ps_lost5_120"
        THEN ARRAY['lifetime_value_with_referrals']
        WHEN "_ps_top1_124" = "_ps_lost6_121"
        THEN ARRAY['standing_in_size']
        WHEN "_ps_top1_124" = "_ps_lost7_122"
        THEN ARRAY['concentration_risk']
        ELSE CAST(ARRAY[] AS VARCHAR[])
      END
      ELSE CAST(ARRAY[] AS VARCHAR[])
    END, ARRAY_CAT(
      CASE
        WHEN "_ps_top2_125" >= CAST(16 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_top2_125" = "_ps_lost0_115"
          THEN ARRAY['negotiation']
          WHEN "_ps_top2_125" = "_ps_lost1_116"
          THEN ARRAY['paying_on_time']
          WHEN "_ps_top2_125" = "_ps_lost2_117"
          THEN ARRAY['accounting_work']
          WHEN "_ps_top2_125" = "_ps_lost3_118"
          THEN ARRAY['owner_involvement']
          WHEN "_ps_top2_125" = "_ps_lost4_119"
          THEN ARRAY['wallet_share_growth']
          WHEN "_ps_top2_125" = "_ps_lost5_120"
          THEN ARRAY['lifetime_value_with_referrals']
          WHEN "_ps_top2_125" = "_ps_lost6_121"
          THEN ARRAY['standing_in_size']
          WHEN "_ps_top2_125" = "_ps_lost7_122"
          THEN ARRAY['concentration_risk']
          ELSE CAST(ARRAY[] AS VARCHAR[])
        END
        ELSE CAST(ARRAY[] AS VARCHAR[])
      END,
      CASE
        WHEN "_ps_top3_126" >= CAST(16 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_top3_126" = "_ps_lost0_115"
          THEN ARRAY['negotiation']
          WHEN "_ps_top3_126" = "_ps_lost1_116"
          THEN ARRAY['paying_on_time']
          WHEN "_ps_top3_126" = "_ps_lost2_117"
          THEN ARRAY['accounting_work']
          WHEN "_ps_top3_126" = "_ps_lost3_118"
          THEN ARRAY['owner_involvement']
          WHEN "_ps_top3_126" = "_ps_lost4_119"
          THEN ARRAY['wallet_share_growth']
          WHEN "_ps_top3_126" = "_ps_lost5_120"
          THEN ARRAY['lifetime_value_with_referrals']
          WHEN "_ps_top3_126" = "_ps_lost6_121"
          THEN ARRAY['standing_in_size']
          WHEN "_ps_top3_126" = "_ps_lost7_122"
          THEN ARRAY['concentration_risk']
          ELSE CAST(ARRAY[] AS VARCHAR[])
        END
        ELSE CAST(ARRAY[] AS VARCHAR[])
      END
    ))) AS "_ps_reasons_127"
  FROM _ps_layer_29
)
SELECT
  "_ps_id" AS "id",
  CASE WHEN NOT "_ps_fallback_130" THEN "_ps_eligible" ELSE NULL END AS "eligible",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_total_108" / CAST(100 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "score",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_tier_114"
    ELSE NULL
  END AS "tier",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units0_48" / CAST(100 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_negotiation",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units1_51" / CAST(100 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_paying_on_time",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units2_63" / CAST(100 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_accounting_work",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units3_67" / CAST(100 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_owner_involvement",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units4_79" / CAST(100 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_wallet_share_growth",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units5_91" / CAST(100 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_lifetime_value_with_referrals",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units6_103" / CAST(100 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_standing_in_size",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN (
      "_ps_raw_units_107" - "_ps_factor_units_106"
    ) / CAST(100 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "adjustment_points",
  CASE
    WHEN NOT "_ps_fallback_130"
    THEN ARRAY_CAT(
      CASE
        WHEN "_ps_filter_44" IS TRUE
        THEN CAST(ARRAY[] AS VARCHAR[])
        ELSE ARRAY['paying_customer']
      END,
      CASE
        WHEN "_ps_filter_45" IS TRUE
        THEN CAST(ARRAY[] AS VARCHAR[])
        ELSE ARRAY['six_months_of_history']
      END
    )
    ELSE NULL
  END AS "failed_filters",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_reasons_127"
    WHEN NOT "_ps_fallback_130"
    THEN ARRAY_CAT(
      CASE
        WHEN "_ps_filter_44" IS TRUE
        THEN CAST(ARRAY[] AS VARCHAR[])
        ELSE ARRAY['paying_customer']
      END,
      CASE
        WHEN "_ps_filter_45" IS TRUE
        THEN CAST(ARRAY[] AS VARCHAR[])
        ELSE ARRAY['six_months_of_history']
      END
    )
    ELSE NULL
  END AS "reasons"
FROM _ps_layer_30

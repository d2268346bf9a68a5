-- policyscore: policy will-they-last version 1 (sha256 e5ca5a626afe)
-- as of 2026-11-01: the evaluation date is written into the query
-- reads the table crm.customers; one row per record: id, eligible, score, tier, points_negotiation, points_paying_on_time, points_accounting_work, points_owner_involvement, points_wallet_share_growth, points_lifetime_value_with_referrals, points_standing_in_size, adjustment_points, failed_filters, reasons
WITH RECURSIVE _ps_layer_0 AS (
  SELECT
    "_ps_in"."id" AS "_ps_id",
    CAST("_ps_in"."billing_tickets_first_6m" AS DOUBLE) AS "billing_tickets_first_6m",
    "_ps_in"."company_size" AS "company_size",
    CAST("_ps_in"."days_to_pay_avg" AS DOUBLE) AS "days_to_pay_avg",
    CAST("_ps_in"."discount_requested_pct" AS DOUBLE) AS "discount_requested_pct",
    CAST("_ps_in"."late_payments_first_6m" AS DOUBLE) AS "late_payments_first_6m",
    CAST("_ps_in"."lifetime_value" AS DOUBLE) AS "lifetime_value",
    "_ps_in"."owner_involvement" AS "owner_involvement",
    "_ps_in"."referred_by" AS "referred_by",
    CAST("_ps_in"."signup_date" AS DATE) AS "signup_date",
    "_ps_in"."status" AS "status",
    CAST("_ps_in"."total_spend" AS DOUBLE) AS "total_spend",
    CAST("_ps_in"."users_growth_pct" AS DOUBLE) AS "users_growth_pct",
    CAST("_ps_in"."wallet_share_growth_pct" AS DOUBLE) AS "wallet_share_growth_pct"
  FROM crm.customers AS _ps_in
), _ps_layer_1 AS (
  SELECT
    *,
    CAST("_ps_id" AS TEXT) AS "_ps_key_2",
    CAST("referred_by" AS TEXT) AS "_ps_referrer_3",
    COALESCE("lifetime_value", "total_spend") AS "_ps_arg_4",
    COALESCE("lifetime_value", "total_spend") AS "_ps_arg_9",
    "company_size" AS "_ps_arg_10",
    "total_spend" AS "_ps_arg_16",
    CAST(CASE
      WHEN CAST('2026-11-01' AS DATE) >= "signup_date"
      THEN (
        (
          YEAR(CAST('2026-11-01' AS DATE)) - YEAR("signup_date")
        ) * 12 + (
          MONTH(CAST('2026-11-01' AS DATE)) - MONTH("signup_date")
        )
      ) - CASE
        WHEN (
          DAY(CAST('2026-11-01' AS DATE)) < DAY("signup_date")
        )
        AND (
          CAST('2026-11-01' AS DATE) <> LAST_DAY(CAST('2026-11-01' AS DATE))
        )
        THEN 1
        ELSE 0
      END
      ELSE -(
        (
          (
            YEAR("signup_date") - YEAR(CAST('2026-11-01' AS DATE))
          ) * 12 + (
            MONTH("signup_date") - MONTH(CAST('2026-11-01' AS DATE))
          )
        ) - CASE
          WHEN (
            DAY("signup_date") < DAY(CAST('2026-11-01' AS DATE))
          )
          AND (
            "signup_date" <> LAST_DAY("signup_date")
          )
          THEN 1
          ELSE 0
        END
      )
    END AS DOUBLE) AS "_ps_let_38",
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
      5e0
    ) AS "_ps_band_46",
    (
      "discount_requested_pct"
    ) < (
      20e0
    ) AS "_ps_band_47",
    (
      (
        (
          "late_payments_first_6m"
        ) = (
          0e0
        )
      )
      AND (
        (
          "days_to_pay_avg"
        ) <= (
          30e0
        )
      )
    ) AS "_ps_band_49",
    (
      "late_payments_first_6m"
    ) <= (
      2e0
    ) AS "_ps_band_50",
    CASE
      WHEN (
        "billing_tickets_first_6m"
      ) IS NULL
      THEN NULL
      ELSE CASE
        WHEN (
          5e0
        ) = (
          0e0
        )
        THEN CASE WHEN (
          "billing_tickets_first_6m"
        ) >= (
          0e0
        ) THEN 1.0e0 ELSE 0.0e0 END
        ELSE CASE
          WHEN (
            (
              "billing_tickets_first_6m" - 5e0
            ) / (
              0e0 - 5e0
            )
          ) < (
            0e0
          )
          THEN 0.0e0
          WHEN (
            (
              "billing_tickets_first_6m" - 5e0
            ) / (
              0e0 - 5e0
            )
          ) > (
            1e0
          )
          THEN 1.0e0
          ELSE (
            "billing_tickets_first_6m" - 5e0
          ) / (
            0e0 - 5e0
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
        0.5e0
      ) * (
        CASE
          WHEN (
            "wallet_share_growth_pct"
          ) IS NULL
          THEN NULL
          ELSE CASE
            WHEN (
              0e0
            ) = (
              40e0
            )
            THEN CASE WHEN (
              "wallet_share_growth_pct"
            ) >= (
              40e0
            ) THEN 1.0e0 ELSE 0.0e0 END
            ELSE CASE
              WHEN (
                (
                  "wallet_share_growth_pct" - 0e0
                ) / (
                  40e0 - 0e0
                )
              ) < (
                0e0
              )
              THEN 0.0e0
              WHEN (
                (
                  "wallet_share_growth_pct" - 0e0
                ) / (
                  40e0 - 0e0
                )
              ) > (
                1e0
              )
              THEN 1.0e0
              ELSE (
                "wallet_share_growth_pct" - 0e0
              ) / (
                40e0 - 0e0
              )
            END
          END
        END
      )
    ) + (
      (
        0.5e0
      ) * (
        CASE
          WHEN (
            "users_growth_pct"
          ) IS NULL
          THEN NULL
          ELSE CASE
            WHEN (
              0e0
            ) = (
              40e0
            )
            THEN CASE WHEN (
              "users_growth_pct"
            ) >= (
              40e0
            ) THEN 1.0e0 ELSE 0.0e0 END
            ELSE CASE
              WHEN (
                (
                  "users_growth_pct" - 0e0
                ) / (
                  40e0 - 0e0
                )
              ) < (
                0e0
              )
              THEN 0.0e0
              WHEN (
                (
                  "users_growth_pct" - 0e0
                ) / (
                  40e0 - 0e0
                )
              ) > (
                1e0
              )
              THEN 1.0e0
              ELSE (
                "users_growth_pct" - 0e0
              ) / (
                40e0 - 0e0
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
        ISNAN("_ps_let_38")
      ) OR (
        ISNAN(6e0)
      )
      THEN FALSE
      ELSE (
        "_ps_let_38"
      ) >= (
        6e0
      )
    END AS "_ps_filter_45",
    CASE
      WHEN "_ps_band_46" IS TRUE
      THEN 1000e0
      WHEN "_ps_band_46" IS NULL
      THEN 500e0
      WHEN "_ps_band_47" IS TRUE
      THEN 500e0
      WHEN "_ps_band_47" IS NULL
      THEN 500e0
      ELSE 0e0
    END AS "_ps_units0_48",
    CASE
      WHEN "_ps_band_49" IS TRUE
      THEN 1500e0
      WHEN "_ps_band_49" IS NULL
      THEN 450e0
      WHEN "_ps_band_50" IS TRUE
      THEN 600e0
      WHEN "_ps_band_50" IS NULL
      THEN 450e0
      ELSE 0e0
    END AS "_ps_units1_51",
    CASE
      WHEN (
        "_ps_raw_52" - "_ps_raw_52"
      ) = 0e0
      THEN 10e0 * CASE
        WHEN "_ps_raw_52" < 0e0
        THEN 0e0
        WHEN "_ps_raw_52" > 1e0
        THEN 1e0
        ELSE "_ps_raw_52"
      END
      ELSE NULL
    END AS "_ps_x_53",
    CASE
      WHEN "_ps_band_64" IS TRUE
      THEN 1500e0
      WHEN "_ps_band_64" IS NULL
      THEN 600e0
      WHEN "_ps_band_65" IS TRUE
      THEN 1200e0
      WHEN "_ps_band_65" IS NULL
      THEN 600e0
      WHEN "_ps_band_66" IS TRUE
      THEN 450e0
      WHEN "_ps_band_66" IS NULL
      THEN 600e0
      ELSE 0e0
    END AS "_ps_units3_67",
    CASE
      WHEN (
        "_ps_raw_68" - "_ps_raw_68"
      ) = 0e0
      THEN 15e0 * CASE
        WHEN "_ps_raw_68" < 0e0
        THEN 0e0
        WHEN "_ps_raw_68" > 1e0
        THEN 1e0
        ELSE "_ps_raw_68"
      END
      ELSE NULL
    END AS "_ps_x_69"
  FROM _ps_layer_1
), _ps_t_layer_1 AS (
  SELECT
    *,
    CAST("_ps_id" AS TEXT) AS "_ps_key_2",
    CAST("referred_by" AS TEXT) AS "_ps_referrer_3",
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
        CASE WHEN d.lvl = 1 THEN 1.0e0 WHEN d.lvl = 2 THEN 0.5e0 END
      )
    END AS t0
  FROM _ps_t_desc AS d
  JOIN _ps_t_forest AS f
    ON f.n = d.node
), _ps_t_sum_0 AS (
  SELECT
    *,
    CAST(COUNT(t0) OVER (PARTITION BY root) AS DOUBLE) AS "_ps_s1_count",
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
            ) = 0e0
          )
          OR CASE
            WHEN "_ps_s2_largest" > 0e0
            THEN CASE
              WHEN CEIL(
                (
                  LN(CASE WHEN "_ps_s2_largest" > 0e0 THEN "_ps_s2_largest" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
                ) / LN(2e0)
              ) + 2e0 < CAST(-1000 AS DOUBLE)
              THEN CAST(-1000 AS DOUBLE)
              ELSE CEIL(
                (
                  LN(CASE WHEN "_ps_s2_largest" > 0e0 THEN "_ps_s2_largest" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
                ) / LN(2e0)
              ) + 2e0
            END
            ELSE 0e0
          END > 1000e0,
          TRUE
        )
      END
      THEN 1e0
      ELSE POWER(
        2e0,
        CASE
          WHEN "_ps_s2_largest" > 0e0
          THEN CASE
            WHEN CEIL(
              (
                LN(CASE WHEN "_ps_s2_largest" > 0e0 THEN "_ps_s2_largest" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
              ) / LN(2e0)
            ) + 2e0 < CAST(-1000 AS DOUBLE)
            THEN CAST(-1000 AS DOUBLE)
            ELSE CEIL(
              (
                LN(CASE WHEN "_ps_s2_largest" > 0e0 THEN "_ps_s2_largest" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
              ) / LN(2e0)
            ) + 2e0
          END
          ELSE 0e0
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
            ) = 0e0
          )
          OR CASE
            WHEN "_ps_s6_largest2" > 0e0
            THEN CASE
              WHEN CEIL(
                (
                  LN(CASE WHEN "_ps_s6_largest2" > 0e0 THEN "_ps_s6_largest2" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
                ) / LN(2e0)
              ) + 2e0 < CAST(-1000 AS DOUBLE)
              THEN CAST(-1000 AS DOUBLE)
              ELSE CEIL(
                (
                  LN(CASE WHEN "_ps_s6_largest2" > 0e0 THEN "_ps_s6_largest2" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
                ) / LN(2e0)
              ) + 2e0
            END
            ELSE 0e0
          END > 1000e0,
          TRUE
        )
      END
      THEN 1e0
      ELSE POWER(
        2e0,
        CASE
          WHEN "_ps_s6_largest2" > 0e0
          THEN CASE
            WHEN CEIL(
              (
                LN(CASE WHEN "_ps_s6_largest2" > 0e0 THEN "_ps_s6_largest2" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
              ) / LN(2e0)
            ) + 2e0 < CAST(-1000 AS DOUBLE)
            THEN CAST(-1000 AS DOUBLE)
            ELSE CEIL(
              (
                LN(CASE WHEN "_ps_s6_largest2" > 0e0 THEN "_ps_s6_largest2" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
              ) / LN(2e0)
            ) + 2e0
          END
          ELSE 0e0
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
          "_ps_s14_lo" <> 0e0
          AND (
            (
              "_ps_s13_h" + 2e0 * "_ps_s14_lo"
            ) - "_ps_s13_h"
          ) = 2e0 * "_ps_s14_lo"
        )
        AND "_ps_s12_rho2" <> 0e0
      )
      AND (
        "_ps_s12_rho2" > 0e0
      ) = (
        "_ps_s14_lo" > 0e0
      )
      THEN "_ps_s13_h" + 2e0 * "_ps_s14_lo"
      WHEN (
        "_ps_s14_lo" <> 0e0
        AND (
          (
            "_ps_s13_h" + 2e0 * "_ps_s14_lo"
          ) - "_ps_s13_h"
        ) = 2e0 * "_ps_s14_lo"
      )
      AND "_ps_s12_rho2" <> 0e0
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
            ) = 0e0
          )
          OR CASE
            WHEN "_ps_s2_largest" > 0e0
            THEN CASE
              WHEN CEIL(
                (
                  LN(CASE WHEN "_ps_s2_largest" > 0e0 THEN "_ps_s2_largest" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
                ) / LN(2e0)
              ) + 2e0 < CAST(-1000 AS DOUBLE)
              THEN CAST(-1000 AS DOUBLE)
              ELSE CEIL(
                (
                  LN(CASE WHEN "_ps_s2_largest" > 0e0 THEN "_ps_s2_largest" ELSE 1e0 END) + LN(CASE WHEN "_ps_s1_count" > 0e0 THEN "_ps_s1_count" ELSE 1e0 END)
                ) / LN(2e0)
              ) + 2e0
            END
            ELSE 0e0
          END > 1000e0,
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
    COALESCE("_ps_t_refs"."_ps_r_sum0", 0.0e0) AS "_ps_referred_sum_8",
    CAST(COALESCE("_ps_t_refs"."_ps_r_cnt1", 0) AS DOUBLE) AS "_ps_referred_36",
    CAST(COALESCE("_ps_t_refs"."_ps_r_cnt2", 0) AS DOUBLE) AS "_ps_referred_37",
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
    "_ps_abs_54" * 100e0 AS "_ps_scaled_55",
    "_ps_abs_70" * 100e0 AS "_ps_scaled_71"
  FROM _ps_layer_3
), _ps_layer_5 AS (
  SELECT
    *,
    CASE WHEN "_ps_book_7" THEN "_ps_arg_9" ELSE NULL END AS "_ps_x_11",
    CASE WHEN "_ps_book_7" THEN "_ps_arg_16" ELSE NULL END AS "_ps_x_17",
    "_ps_scaled_55" < 1000000000000000.0e0
    AND ABS("_ps_scaled_55" - FLOOR("_ps_scaled_55") - 0.5e0) > "_ps_scaled_55" * 9.094947017729282e-13 AS "_ps_plain_56",
    "_ps_scaled_71" < 1000000000000000.0e0
    AND ABS("_ps_scaled_71" - FLOOR("_ps_scaled_71") - 0.5e0) > "_ps_scaled_71" * 9.094947017729282e-13 AS "_ps_plain_72",
    CASE
      WHEN CASE
        WHEN (
          ISNAN(0e0)
        ) OR (
          ISNAN(200000e0)
        )
        THEN FALSE
        ELSE (
          0e0
        ) = (
          200000e0
        )
      END
      THEN CASE
        WHEN CASE
          WHEN (
            ISNAN("_ps_let_40")
          ) OR (
            ISNAN(200000e0)
          )
          THEN FALSE
          ELSE (
            "_ps_let_40"
          ) >= (
            200000e0
          )
        END
        THEN 1.0e0
        ELSE 0.0e0
      END
      ELSE CASE
        WHEN CASE
          WHEN (
            ISNAN((
              "_ps_let_40" - 0e0
            ) / (
              200000e0 - 0e0
            ))
          )
          OR (
            ISNAN(0e0)
          )
          THEN FALSE
          ELSE (
            (
              "_ps_let_40" - 0e0
            ) / (
              200000e0 - 0e0
            )
          ) < (
            0e0
          )
        END
        THEN 0.0e0
        WHEN CASE
          WHEN (
            ISNAN((
              "_ps_let_40" - 0e0
            ) / (
              200000e0 - 0e0
            ))
          )
          OR (
            ISNAN(1e0)
          )
          THEN FALSE
          ELSE (
            (
              "_ps_let_40" - 0e0
            ) / (
              200000e0 - 0e0
            )
          ) > (
            1e0
          )
        END
        THEN 1.0e0
        ELSE (
          "_ps_let_40" - 0e0
        ) / (
          200000e0 - 0e0
        )
      END
    END AS "_ps_raw_80",
    CASE
      WHEN (
        ISNAN("_ps_let_43")
      ) OR (
        ISNAN(0e0)
      )
      THEN FALSE
      ELSE (
        "_ps_let_43"
      ) > (
        0e0
      )
    END AS "_ps_adj_105",
    "_ps_book_7" AND "_ps_eligible" AS "_ps_ranked_109"
  FROM _ps_layer_4
), _ps_layer_6 AS (
  SELECT
    *,
    NOT "_ps_x_11" IS NULL AS "_ps_in_12",
    CAST(COUNT("_ps_x_11") OVER (PARTITION BY "_ps_book_7", "_ps_arg_10") AS DOUBLE) AS "_ps_count_13",
    NOT "_ps_x_17" IS NULL AS "_ps_in_18",
    CAST(COUNT("_ps_x_17") OVER (PARTITION BY "_ps_book_7") AS DOUBLE) AS "_ps_count_19",
    CAST(COUNT("_ps_x_17") OVER (PARTITION BY "_ps_book_7") AS DOUBLE) AS "_ps_count_20",
    MAX(ABS("_ps_x_17")) OVER (PARTITION BY "_ps_book_7") AS "_ps_largest_21",
    CASE WHEN "_ps_plain_56" THEN NULL ELSE "_ps_abs_54" END AS "_ps_abs_57",
    CASE WHEN "_ps_plain_72" THEN NULL ELSE "_ps_abs_70" END AS "_ps_abs_73",
    CASE
      WHEN (
        "_ps_raw_80" - "_ps_raw_80"
      ) = 0e0
      THEN 25e0 * CASE
        WHEN "_ps_raw_80" < 0e0
        THEN 0e0
        WHEN "_ps_raw_80" > 1e0
        THEN 1e0
        ELSE "_ps_raw_80"
      END
      ELSE NULL
    END AS "_ps_x_81",
    SUM(CASE WHEN "_ps_ranked_109" THEN 1e0 ELSE 0e0 END) OVER () AS "_ps_n_ranked_110"
  FROM _ps_layer_5
), _ps_layer_7 AS (
  SELECT
    *,
    CAST(RANK() OVER (PARTITION BY "_ps_in_12", "_ps_arg_10" ORDER BY "_ps_x_11" ASC) AS DOUBLE) AS "_ps_rank_14",
    CASE
      WHEN "_ps_abs_57" >= 100.0e0
      THEN 1000000000000e0
      WHEN "_ps_abs_57" >= 10.0e0
      THEN 10000000000000e0
      WHEN "_ps_abs_57" >= 1.0e0
      THEN 100000000000000e0
      WHEN "_ps_abs_57" >= 0.1e0
      THEN 1000000000000000e0
      WHEN "_ps_abs_57" >= 0.01e0
      THEN 1e+16
      WHEN "_ps_abs_57" >= 0.001e0
      THEN 1e+17
    END AS "_ps_pow_58",
    CASE
      WHEN "_ps_abs_73" >= 100.0e0
      THEN 1000000000000e0
      WHEN "_ps_abs_73" >= 10.0e0
      THEN 10000000000000e0
      WHEN "_ps_abs_73" >= 1.0e0
      THEN 100000000000000e0
      WHEN "_ps_abs_73" >= 0.1e0
      THEN 1000000000000000e0
      WHEN "_ps_abs_73" >= 0.01e0
      THEN 1e+16
      WHEN "_ps_abs_73" >= 0.001e0
      THEN 1e+17
    END AS "_ps_pow_74",
    ABS("_ps_x_81") AS "_ps_abs_82",
    134217729.0e0 * "_ps_abs_57" - (
      134217729.0e0 * "_ps_abs_57" - "_ps_abs_57"
    ) AS "_ps_same_145",
    134217729.0e0 * "_ps_abs_73" - (
      134217729.0e0 * "_ps_abs_73" - "_ps_abs_73"
    ) AS "_ps_same_147",
    CASE WHEN "_ps_largest_21" > 0e0 THEN "_ps_largest_21" ELSE 1e0 END AS "_ps_same_153",
    CASE WHEN "_ps_count_20" > 0e0 THEN "_ps_count_20" ELSE 1e0 END AS "_ps_same_154",
    FLOOR((
      "_ps_n_ranked_110" * 1e0
    ) / 5e0) AS "_ps_same_156"
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
        WHEN "_ps_count_13" <= 1e0
        THEN 0e0
        ELSE (
          "_ps_rank_14" - 1e0
        ) / (
          "_ps_count_13" - 1e0
        )
      END
    END AS "_ps_pf_15",
    "_ps_abs_57" * "_ps_pow_58" AS "_ps_p_59",
    "_ps_abs_73" * "_ps_pow_74" AS "_ps_p_75",
    "_ps_abs_82" * 100e0 AS "_ps_scaled_83",
    CASE
      WHEN "_ps_largest_21" IS NULL
      THEN FALSE
      ELSE COALESCE(
        NOT (
          (
            "_ps_largest_21" - "_ps_largest_21"
          ) = 0e0
        )
        OR CASE
          WHEN "_ps_largest_21" > 0e0
          THEN CASE
            WHEN CEIL((
              LN("_ps_same_153") + LN("_ps_same_154")
            ) / LN(2e0)) + 2e0 < CAST(-1000 AS DOUBLE)
            THEN CAST(-1000 AS DOUBLE)
            ELSE CEIL((
              LN("_ps_same_153") + LN("_ps_same_154")
            ) / LN(2e0)) + 2e0
          END
          ELSE 0e0
        END > 1000e0,
        TRUE
      )
    END AS "_ps_same_133",
    CASE
      WHEN "_ps_same_156" * 5e0 > (
        "_ps_n_ranked_110" * 1e0
      )
      THEN "_ps_same_156" - 1e0
      ELSE "_ps_same_156"
    END AS "_ps_same_134",
    "_ps_abs_57" - (
      "_ps_same_145"
    ) AS "_ps_same_138",
    "_ps_abs_73" - (
      "_ps_same_147"
    ) AS "_ps_same_140",
    134217729.0e0 * "_ps_pow_58" - (
      134217729.0e0 * "_ps_pow_58" - "_ps_pow_58"
    ) AS "_ps_same_146",
    134217729.0e0 * "_ps_pow_74" - (
      134217729.0e0 * "_ps_pow_74" - "_ps_pow_74"
    ) AS "_ps_same_148"
  FROM _ps_layer_7
), _ps_layer_9 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_same_133"
      THEN 1e0
      ELSE POWER(
        2e0,
        CASE
          WHEN "_ps_largest_21" > 0e0
          THEN CASE
            WHEN CEIL((
              LN("_ps_same_153") + LN("_ps_same_154")
            ) / LN(2e0)) + 2e0 < CAST(-1000 AS DOUBLE)
            THEN CAST(-1000 AS DOUBLE)
            ELSE CEIL((
              LN("_ps_same_153") + LN("_ps_same_154")
            ) / LN(2e0)) + 2e0
          END
          ELSE 0e0
        END
      )
    END AS "_ps_split_22",
    "_ps_pf_15" AS "_ps_let_41",
    "_ps_scaled_83" < 1000000000000000.0e0
    AND ABS("_ps_scaled_83" - FLOOR("_ps_scaled_83") - 0.5e0) > "_ps_scaled_83" * 9.094947017729282e-13 AS "_ps_plain_84",
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
      ) * 5e0 < (
        "_ps_n_ranked_110" * 1e0
      )
      THEN (
        "_ps_same_134"
      ) + 1e0
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
    CASE WHEN (
      "_ps_same_132"
    ) < 1e0 THEN 1e0 ELSE (
      "_ps_same_132"
    ) END AS "_ps_same_131"
  FROM _ps_layer_9
), _ps_layer_11 AS (
  SELECT
    *,
    "_ps_x_17" - "_ps_q_23" AS "_ps_rest_24",
    SUM("_ps_q_23") OVER (PARTITION BY "_ps_book_7") AS "_ps_tau_29",
    CASE
      WHEN (
        "_ps_p_59" - FLOOR("_ps_p_59")
      ) > 0.5e0
      OR (
        (
          "_ps_p_59" - FLOOR("_ps_p_59")
        ) = 0.5e0 AND "_ps_e_60" > 0e0
      )
      THEN FLOOR("_ps_p_59") + 1e0
      WHEN (
        (
          "_ps_p_59" - FLOOR("_ps_p_59")
        ) = 0.5e0 AND "_ps_e_60" = 0e0
      )
      AND FLOOR("_ps_p_59") % 2e0 <> 0e0
      THEN FLOOR("_ps_p_59") + 1e0
      ELSE FLOOR("_ps_p_59")
    END AS "_ps_digits_61",
    CASE
      WHEN (
        "_ps_p_75" - FLOOR("_ps_p_75")
      ) > 0.5e0
      OR (
        (
          "_ps_p_75" - FLOOR("_ps_p_75")
        ) = 0.5e0 AND "_ps_e_76" > 0e0
      )
      THEN FLOOR("_ps_p_75") + 1e0
      WHEN (
        (
          "_ps_p_75" - FLOOR("_ps_p_75")
        ) = 0.5e0 AND "_ps_e_76" = 0e0
      )
      AND FLOOR("_ps_p_75") % 2e0 <> 0e0
      THEN FLOOR("_ps_p_75") + 1e0
      ELSE FLOOR("_ps_p_75")
    END AS "_ps_digits_77",
    CASE
      WHEN "_ps_abs_85" >= 100.0e0
      THEN 1000000000000e0
      WHEN "_ps_abs_85" >= 10.0e0
      THEN 10000000000000e0
      WHEN "_ps_abs_85" >= 1.0e0
      THEN 100000000000000e0
      WHEN "_ps_abs_85" >= 0.1e0
      THEN 1000000000000000e0
      WHEN "_ps_abs_85" >= 0.01e0
      THEN 1e+16
      WHEN "_ps_abs_85" >= 0.001e0
      THEN 1e+17
    END AS "_ps_pow_86",
    CASE
      WHEN (
        "_ps_raw_92" - "_ps_raw_92"
      ) = 0e0
      THEN 10e0 * CASE
        WHEN "_ps_raw_92" < 0e0
        THEN 0e0
        WHEN "_ps_raw_92" > 1e0
        THEN 1e0
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
    134217729.0e0 * "_ps_abs_85" - (
      134217729.0e0 * "_ps_abs_85" - "_ps_abs_85"
    ) AS "_ps_same_149"
  FROM _ps_layer_10
), _ps_layer_12 AS (
  SELECT
    *,
    MAX(ABS("_ps_rest_24")) OVER (PARTITION BY "_ps_book_7") AS "_ps_largest2_25",
    CASE
      WHEN "_ps_plain_56"
      THEN FLOOR("_ps_scaled_55" + 0.5e0)
      ELSE CASE
        WHEN (
          "_ps_pow_58"
        ) IS NULL
        THEN 0e0
        ELSE CASE
          WHEN "_ps_pow_58" = 1000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_61" + 5000000000e0
            ) / 10000000000e0) * 10000000000e0 > (
              "_ps_digits_61" + 5000000000e0
            )
            THEN FLOOR((
              "_ps_digits_61" + 5000000000e0
            ) / 10000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_61" + 5000000000e0
            ) / 10000000000e0)
          END
          WHEN "_ps_pow_58" = 10000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_61" + 50000000000e0
            ) / 100000000000e0) * 100000000000e0 > (
              "_ps_digits_61" + 50000000000e0
            )
            THEN FLOOR((
              "_ps_digits_61" + 50000000000e0
            ) / 100000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_61" + 50000000000e0
            ) / 100000000000e0)
          END
          WHEN "_ps_pow_58" = 100000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_61" + 500000000000e0
            ) / 1000000000000e0) * 1000000000000e0 > (
              "_ps_digits_61" + 500000000000e0
            )
            THEN FLOOR((
              "_ps_digits_61" + 500000000000e0
            ) / 1000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_61" + 500000000000e0
            ) / 1000000000000e0)
          END
          WHEN "_ps_pow_58" = 1000000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_61" + 5000000000000e0
            ) / 10000000000000e0) * 10000000000000e0 > (
              "_ps_digits_61" + 5000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_61" + 5000000000000e0
            ) / 10000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_61" + 5000000000000e0
            ) / 10000000000000e0)
          END
          WHEN "_ps_pow_58" = 1e+16
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_61" + 50000000000000e0
            ) / 100000000000000e0) * 100000000000000e0 > (
              "_ps_digits_61" + 50000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_61" + 50000000000000e0
            ) / 100000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_61" + 50000000000000e0
            ) / 100000000000000e0)
          END
          WHEN "_ps_pow_58" = 1e+17
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_61" + 500000000000000e0
            ) / 1000000000000000e0) * 1000000000000000e0 > (
              "_ps_digits_61" + 500000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_61" + 500000000000000e0
            ) / 1000000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_61" + 500000000000000e0
            ) / 1000000000000000e0)
          END
        END
      END
    END AS "_ps_units_62",
    CASE
      WHEN "_ps_plain_72"
      THEN FLOOR("_ps_scaled_71" + 0.5e0)
      ELSE CASE
        WHEN (
          "_ps_pow_74"
        ) IS NULL
        THEN 0e0
        ELSE CASE
          WHEN "_ps_pow_74" = 1000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_77" + 5000000000e0
            ) / 10000000000e0) * 10000000000e0 > (
              "_ps_digits_77" + 5000000000e0
            )
            THEN FLOOR((
              "_ps_digits_77" + 5000000000e0
            ) / 10000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_77" + 5000000000e0
            ) / 10000000000e0)
          END
          WHEN "_ps_pow_74" = 10000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_77" + 50000000000e0
            ) / 100000000000e0) * 100000000000e0 > (
              "_ps_digits_77" + 50000000000e0
            )
            THEN FLOOR((
              "_ps_digits_77" + 50000000000e0
            ) / 100000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_77" + 50000000000e0
            ) / 100000000000e0)
          END
          WHEN "_ps_pow_74" = 100000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_77" + 500000000000e0
            ) / 1000000000000e0) * 1000000000000e0 > (
              "_ps_digits_77" + 500000000000e0
            )
            THEN FLOOR((
              "_ps_digits_77" + 500000000000e0
            ) / 1000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_77" + 500000000000e0
            ) / 1000000000000e0)
          END
          WHEN "_ps_pow_74" = 1000000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_77" + 5000000000000e0
            ) / 10000000000000e0) * 10000000000000e0 > (
              "_ps_digits_77" + 5000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_77" + 5000000000000e0
            ) / 10000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_77" + 5000000000000e0
            ) / 10000000000000e0)
          END
          WHEN "_ps_pow_74" = 1e+16
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_77" + 50000000000000e0
            ) / 100000000000000e0) * 100000000000000e0 > (
              "_ps_digits_77" + 50000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_77" + 50000000000000e0
            ) / 100000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_77" + 50000000000000e0
            ) / 100000000000000e0)
          END
          WHEN "_ps_pow_74" = 1e+17
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_77" + 500000000000000e0
            ) / 1000000000000000e0) * 1000000000000000e0 > (
              "_ps_digits_77" + 500000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_77" + 500000000000000e0
            ) / 1000000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_77" + 500000000000000e0
            ) / 1000000000000000e0)
          END
        END
      END
    END AS "_ps_units_78",
    "_ps_abs_85" * "_ps_pow_86" AS "_ps_p_87",
    ABS("_ps_x_93") AS "_ps_abs_94",
    "_ps_abs_85" - (
      "_ps_same_149"
    ) AS "_ps_same_142",
    134217729.0e0 * "_ps_pow_86" - (
      134217729.0e0 * "_ps_pow_86" - "_ps_pow_86"
    ) AS "_ps_same_150"
  FROM _ps_layer_11
), _ps_layer_13 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_x_53" IS NULL
      THEN 500e0
      ELSE CASE
        WHEN "_ps_units_62" > 0e0
        THEN CASE WHEN "_ps_x_53" < 0e0 THEN -"_ps_units_62" ELSE "_ps_units_62" END
        ELSE 0e0
      END
    END AS "_ps_units2_63",
    CASE
      WHEN "_ps_x_69" IS NULL
      THEN 300e0
      ELSE CASE
        WHEN "_ps_units_78" > 0e0
        THEN CASE WHEN "_ps_x_69" < 0e0 THEN -"_ps_units_78" ELSE "_ps_units_78" END
        ELSE 0e0
      END
    END AS "_ps_units4_79",
    "_ps_abs_94" * 100e0 AS "_ps_scaled_95",
    "_ps_pow_86" - (
      "_ps_same_150"
    ) AS "_ps_same_141",
    CASE WHEN "_ps_largest2_25" > 0e0 THEN "_ps_largest2_25" ELSE 1e0 END AS "_ps_same_155"
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
            ) = 0e0
          )
          OR CASE
            WHEN "_ps_largest2_25" > 0e0
            THEN CASE
              WHEN CEIL((
                LN("_ps_same_155") + LN("_ps_same_154")
              ) / LN(2e0)) + 2e0 < CAST(-1000 AS DOUBLE)
              THEN CAST(-1000 AS DOUBLE)
              ELSE CEIL((
                LN("_ps_same_155") + LN("_ps_same_154")
              ) / LN(2e0)) + 2e0
            END
            ELSE 0e0
          END > 1000e0,
          TRUE
        )
      END
      THEN 1e0
      ELSE POWER(
        2e0,
        CASE
          WHEN "_ps_largest2_25" > 0e0
          THEN CASE
            WHEN CEIL((
              LN("_ps_same_155") + LN("_ps_same_154")
            ) / LN(2e0)) + 2e0 < CAST(-1000 AS DOUBLE)
            THEN CAST(-1000 AS DOUBLE)
            ELSE CEIL((
              LN("_ps_same_155") + LN("_ps_same_154")
            ) / LN(2e0)) + 2e0
          END
          ELSE 0e0
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
    "_ps_scaled_95" < 1000000000000000.0e0
    AND ABS("_ps_scaled_95" - FLOOR("_ps_scaled_95") - 0.5e0) > "_ps_scaled_95" * 9.094947017729282e-13 AS "_ps_plain_96"
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
      ) > 0.5e0
      OR (
        (
          "_ps_p_87" - FLOOR("_ps_p_87")
        ) = 0.5e0 AND "_ps_e_88" > 0e0
      )
      THEN FLOOR("_ps_p_87") + 1e0
      WHEN (
        (
          "_ps_p_87" - FLOOR("_ps_p_87")
        ) = 0.5e0 AND "_ps_e_88" = 0e0
      )
      AND FLOOR("_ps_p_87") % 2e0 <> 0e0
      THEN FLOOR("_ps_p_87") + 1e0
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
      THEN FLOOR("_ps_scaled_83" + 0.5e0)
      ELSE CASE
        WHEN (
          "_ps_pow_86"
        ) IS NULL
        THEN 0e0
        ELSE CASE
          WHEN "_ps_pow_86" = 1000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_89" + 5000000000e0
            ) / 10000000000e0) * 10000000000e0 > (
              "_ps_digits_89" + 5000000000e0
            )
            THEN FLOOR((
              "_ps_digits_89" + 5000000000e0
            ) / 10000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_89" + 5000000000e0
            ) / 10000000000e0)
          END
          WHEN "_ps_pow_86" = 10000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_89" + 50000000000e0
            ) / 100000000000e0) * 100000000000e0 > (
              "_ps_digits_89" + 50000000000e0
            )
            THEN FLOOR((
              "_ps_digits_89" + 50000000000e0
            ) / 100000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_89" + 50000000000e0
            ) / 100000000000e0)
          END
          WHEN "_ps_pow_86" = 100000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_89" + 500000000000e0
            ) / 1000000000000e0) * 1000000000000e0 > (
              "_ps_digits_89" + 500000000000e0
            )
            THEN FLOOR((
              "_ps_digits_89" + 500000000000e0
            ) / 1000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_89" + 500000000000e0
            ) / 1000000000000e0)
          END
          WHEN "_ps_pow_86" = 1000000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_89" + 5000000000000e0
            ) / 10000000000000e0) * 10000000000000e0 > (
              "_ps_digits_89" + 5000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_89" + 5000000000000e0
            ) / 10000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_89" + 5000000000000e0
            ) / 10000000000000e0)
          END
          WHEN "_ps_pow_86" = 1e+16
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_89" + 50000000000000e0
            ) / 100000000000000e0) * 100000000000000e0 > (
              "_ps_digits_89" + 50000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_89" + 50000000000000e0
            ) / 100000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_89" + 50000000000000e0
            ) / 100000000000000e0)
          END
          WHEN "_ps_pow_86" = 1e+17
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_89" + 500000000000000e0
            ) / 1000000000000000e0) * 1000000000000000e0 > (
              "_ps_digits_89" + 500000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_89" + 500000000000000e0
            ) / 1000000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_89" + 500000000000000e0
            ) / 1000000000000000e0)
          END
        END
      END
    END AS "_ps_units_90",
    CASE
      WHEN "_ps_abs_97" >= 100.0e0
      THEN 1000000000000e0
      WHEN "_ps_abs_97" >= 10.0e0
      THEN 10000000000000e0
      WHEN "_ps_abs_97" >= 1.0e0
      THEN 100000000000000e0
      WHEN "_ps_abs_97" >= 0.1e0
      THEN 1000000000000000e0
      WHEN "_ps_abs_97" >= 0.01e0
      THEN 1e+16
      WHEN "_ps_abs_97" >= 0.001e0
      THEN 1e+17
    END AS "_ps_pow_98",
    134217729.0e0 * "_ps_abs_97" - (
      134217729.0e0 * "_ps_abs_97" - "_ps_abs_97"
    ) AS "_ps_same_151"
  FROM _ps_layer_15
), _ps_layer_17 AS (
  SELECT
    *,
    SUM("_ps_rest2_28") OVER (PARTITION BY "_ps_book_7") AS "_ps_rho2_31",
    "_ps_tau_29" + "_ps_rho_30" AS "_ps_h_32",
    CASE
      WHEN "_ps_x_81" IS NULL
      THEN 0e0
      ELSE CASE
        WHEN "_ps_units_90" > 0e0
        THEN CASE WHEN "_ps_x_81" < 0e0 THEN -"_ps_units_90" ELSE "_ps_units_90" END
        ELSE 0e0
      END
    END AS "_ps_units5_91",
    "_ps_abs_97" * "_ps_pow_98" AS "_ps_p_99",
    "_ps_abs_97" - (
      "_ps_same_151"
    ) AS "_ps_same_144",
    134217729.0e0 * "_ps_pow_98" - (
      134217729.0e0 * "_ps_pow_98" - "_ps_pow_98"
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
      "_ps_lo_33" <> 0e0
      AND (
        (
          "_ps_h_32" + 2e0 * "_ps_lo_33"
        ) - "_ps_h_32"
      ) = 2e0 * "_ps_lo_33"
    )
    AND "_ps_rho2_31" <> 0e0 AS "_ps_same_135"
  FROM _ps_layer_18
), _ps_layer_20 AS (
  SELECT
    *,
    CASE
      WHEN (
        "_ps_same_135"
      ) AND (
        "_ps_rho2_31" > 0e0
      ) = (
        "_ps_lo_33" > 0e0
      )
      THEN "_ps_h_32" + 2e0 * "_ps_lo_33"
      WHEN "_ps_same_135"
      THEN "_ps_h_32"
      ELSE "_ps_h_32" + (
        "_ps_lo_33" + "_ps_rho2_31"
      )
    END AS "_ps_sum_34",
    CASE
      WHEN (
        "_ps_p_99" - FLOOR("_ps_p_99")
      ) > 0.5e0
      OR (
        (
          "_ps_p_99" - FLOOR("_ps_p_99")
        ) = 0.5e0 AND "_ps_e_100" > 0e0
      )
      THEN FLOOR("_ps_p_99") + 1e0
      WHEN (
        (
          "_ps_p_99" - FLOOR("_ps_p_99")
        ) = 0.5e0 AND "_ps_e_100" = 0e0
      )
      AND FLOOR("_ps_p_99") % 2e0 <> 0e0
      THEN FLOOR("_ps_p_99") + 1e0
      ELSE FLOOR("_ps_p_99")
    END AS "_ps_digits_101"
  FROM _ps_layer_19
), _ps_layer_21 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_x_17" IS NULL OR (
        "_ps_sum_34" IS NULL OR "_ps_sum_34" = 0e0
      )
      THEN NULL
      ELSE "_ps_x_17" / "_ps_sum_34"
    END AS "_ps_pf_35",
    CASE
      WHEN "_ps_plain_96"
      THEN FLOOR("_ps_scaled_95" + 0.5e0)
      ELSE CASE
        WHEN (
          "_ps_pow_98"
        ) IS NULL
        THEN 0e0
        ELSE CASE
          WHEN "_ps_pow_98" = 1000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_101" + 5000000000e0
            ) / 10000000000e0) * 10000000000e0 > (
              "_ps_digits_101" + 5000000000e0
            )
            THEN FLOOR((
              "_ps_digits_101" + 5000000000e0
            ) / 10000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_101" + 5000000000e0
            ) / 10000000000e0)
          END
          WHEN "_ps_pow_98" = 10000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_101" + 50000000000e0
            ) / 100000000000e0) * 100000000000e0 > (
              "_ps_digits_101" + 50000000000e0
            )
            THEN FLOOR((
              "_ps_digits_101" + 50000000000e0
            ) / 100000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_101" + 50000000000e0
            ) / 100000000000e0)
          END
          WHEN "_ps_pow_98" = 100000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_101" + 500000000000e0
            ) / 1000000000000e0) * 1000000000000e0 > (
              "_ps_digits_101" + 500000000000e0
            )
            THEN FLOOR((
              "_ps_digits_101" + 500000000000e0
            ) / 1000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_101" + 500000000000e0
            ) / 1000000000000e0)
          END
          WHEN "_ps_pow_98" = 1000000000000000e0
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_101" + 5000000000000e0
            ) / 10000000000000e0) * 10000000000000e0 > (
              "_ps_digits_101" + 5000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_101" + 5000000000000e0
            ) / 10000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_101" + 5000000000000e0
            ) / 10000000000000e0)
          END
          WHEN "_ps_pow_98" = 1e+16
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_101" + 50000000000000e0
            ) / 100000000000000e0) * 100000000000000e0 > (
              "_ps_digits_101" + 50000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_101" + 50000000000000e0
            ) / 100000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_101" + 50000000000000e0
            ) / 100000000000000e0)
          END
          WHEN "_ps_pow_98" = 1e+17
          THEN CASE
            WHEN FLOOR((
              "_ps_digits_101" + 500000000000000e0
            ) / 1000000000000000e0) * 1000000000000000e0 > (
              "_ps_digits_101" + 500000000000000e0
            )
            THEN FLOOR((
              "_ps_digits_101" + 500000000000000e0
            ) / 1000000000000000e0) - 1e0
            ELSE FLOOR((
              "_ps_digits_101" + 500000000000000e0
            ) / 1000000000000000e0)
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
      THEN 0e0
      ELSE CASE
        WHEN "_ps_units_102" > 0e0
        THEN CASE WHEN "_ps_x_93" < 0e0 THEN -"_ps_units_102" ELSE "_ps_units_102" END
        ELSE 0e0
      END
    END AS "_ps_units6_103"
  FROM _ps_layer_21
), _ps_layer_23 AS (
  SELECT
    *,
    CASE
      WHEN (
        ISNAN("_ps_let_42")
      ) OR (
        ISNAN(0.25e0)
      )
      THEN FALSE
      ELSE (
        "_ps_let_42"
      ) > (
        0.25e0
      )
    END AS "_ps_adj_104",
    0e0 + "_ps_units0_48" + "_ps_units1_51" + "_ps_units2_63" + "_ps_units3_67" + "_ps_units4_79" + "_ps_units5_91" + "_ps_units6_103" AS "_ps_factor_units_106"
  FROM _ps_layer_22
), _ps_layer_24 AS (
  SELECT
    *,
    "_ps_factor_units_106" + CASE WHEN "_ps_adj_104" IS TRUE THEN CAST(-1000 AS DOUBLE) ELSE 0e0 END + CASE WHEN "_ps_adj_105" IS TRUE THEN 300e0 ELSE 0e0 END AS "_ps_raw_units_107",
    CASE
      WHEN (
        1000e0 - "_ps_units0_48"
      ) > 0e0
      THEN (
        1000e0 - "_ps_units0_48"
      ) * 16e0 + 11e0
      ELSE CAST(-1 AS DOUBLE)
    END AS "_ps_lost0_115",
    CASE
      WHEN (
        1500e0 - "_ps_units1_51"
      ) > 0e0
      THEN (
        1500e0 - "_ps_units1_51"
      ) * 16e0 + 14e0
      ELSE CAST(-1 AS DOUBLE)
    END AS "_ps_lost1_116",
    CASE
      WHEN (
        1000e0 - "_ps_units2_63"
      ) > 0e0
      THEN (
        1000e0 - "_ps_units2_63"
      ) * 16e0 + 10e0
      ELSE CAST(-1 AS DOUBLE)
    END AS "_ps_lost2_117",
    CASE
      WHEN (
        1500e0 - "_ps_units3_67"
      ) > 0e0
      THEN (
        1500e0 - "_ps_units3_67"
      ) * 16e0 + 13e0
      ELSE CAST(-1 AS DOUBLE)
    END AS "_ps_lost3_118",
    CASE
      WHEN (
        1500e0 - "_ps_units4_79"
      ) > 0e0
      THEN (
        1500e0 - "_ps_units4_79"
      ) * 16e0 + 12e0
      ELSE CAST(-1 AS DOUBLE)
    END AS "_ps_lost4_119",
    CASE
      WHEN (
        2500e0 - "_ps_units5_91"
      ) > 0e0
      THEN (
        2500e0 - "_ps_units5_91"
      ) * 16e0 + 15e0
      ELSE CAST(-1 AS DOUBLE)
    END AS "_ps_lost5_120",
    CASE
      WHEN (
        1000e0 - "_ps_units6_103"
      ) > 0e0
      THEN (
        1000e0 - "_ps_units6_103"
      ) * 16e0 + 9e0
      ELSE CAST(-1 AS DOUBLE)
    END AS "_ps_lost6_121",
    CASE WHEN "_ps_adj_104" IS TRUE THEN 1000e0 ELSE 0e0 END AS "_ps_same_157"
  FROM _ps_layer_23
), _ps_layer_25 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_raw_units_107" > 10000e0
      THEN 10000e0
      ELSE CASE WHEN "_ps_raw_units_107" < 0e0 THEN 0e0 ELSE "_ps_raw_units_107" END
    END AS "_ps_total_108",
    CASE
      WHEN (
        "_ps_same_157"
      ) > 0e0
      THEN (
        "_ps_same_157"
      ) * 16e0 + 8e0
      ELSE CAST(-1 AS DOUBLE)
    END AS "_ps_lost7_122"
  FROM _ps_layer_24
), _ps_layer_26 AS (
  SELECT
    *,
    CAST(ROW_NUMBER() OVER (PARTITION BY "_ps_ranked_109" ORDER BY "_ps_total_108" DESC) AS DOUBLE) AS "_ps_place_111",
    CASE
      WHEN "_ps_lost0_115" IS NULL
      OR "_ps_lost1_116" IS NULL
      OR "_ps_lost2_117" IS NULL
      OR "_ps_lost3_118" IS NULL
      OR "_ps_lost4_119" IS NULL
      OR "_ps_lost5_120" IS NULL
      OR "_ps_lost6_121" IS NULL
      OR "_ps_lost7_122" IS NULL
      THEN NULL
      ELSE GREATEST(
        "_ps_lost0_115",
        "_ps_lost1_116",
        "_ps_lost2_117",
        "_ps_lost3_118",
        "_ps_lost4_119",
        "_ps_lost5_120",
        "_ps_lost6_121",
        "_ps_lost7_122"
      )
    END AS "_ps_top0_123"
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
    CASE
      WHEN CASE
        WHEN "_ps_lost0_115" < "_ps_top0_123"
        THEN "_ps_lost0_115"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost1_116" < "_ps_top0_123"
        THEN "_ps_lost1_116"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost2_117" < "_ps_top0_123"
        THEN "_ps_lost2_117"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost3_118" < "_ps_top0_123"
        THEN "_ps_lost3_118"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost4_119" < "_ps_top0_123"
        THEN "_ps_lost4_119"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost5_120" < "_ps_top0_123"
        THEN "_ps_lost5_120"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost6_121" < "_ps_top0_123"
        THEN "_ps_lost6_121"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost7_122" < "_ps_top0_123"
        THEN "_ps_lost7_122"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      THEN NULL
      ELSE GREATEST(
        CASE
          WHEN "_ps_lost0_115" < "_ps_top0_123"
          THEN "_ps_lost0_115"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost1_116" < "_ps_top0_123"
          THEN "_ps_lost1_116"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost2_117" < "_ps_top0_123"
          THEN "_ps_lost2_117"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost3_118" < "_ps_top0_123"
          THEN "_ps_lost3_118"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost4_119" < "_ps_top0_123"
          THEN "_ps_lost4_119"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost5_120" < "_ps_top0_123"
          THEN "_ps_lost5_120"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost6_121" < "_ps_top0_123"
          THEN "_ps_lost6_121"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost7_122" < "_ps_top0_123"
          THEN "_ps_lost7_122"
          ELSE CAST(-1 AS DOUBLE)
        END
      )
    END AS "_ps_top1_124"
  FROM _ps_layer_26
), _ps_layer_28 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_total_108" >= "_ps_threshold0_113"
      THEN 'keeper'
      WHEN "_ps_total_108" >= 6000e0
      THEN 'solid'
      WHEN "_ps_total_108" >= 4000e0
      THEN 'watch'
      WHEN "_ps_total_108" >= 0e0
      THEN 'at_risk'
      ELSE CAST(NULL AS TEXT)
    END AS "_ps_tier_114",
    CASE
      WHEN CASE
        WHEN "_ps_lost0_115" < "_ps_top1_124"
        THEN "_ps_lost0_115"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost1_116" < "_ps_top1_124"
        THEN "_ps_lost1_116"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost2_117" < "_ps_top1_124"
        THEN "_ps_lost2_117"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost3_118" < "_ps_top1_124"
        THEN "_ps_lost3_118"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost4_119" < "_ps_top1_124"
        THEN "_ps_lost4_119"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost5_120" < "_ps_top1_124"
        THEN "_ps_lost5_120"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost6_121" < "_ps_top1_124"
        THEN "_ps_lost6_121"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost7_122" < "_ps_top1_124"
        THEN "_ps_lost7_122"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      THEN NULL
      ELSE GREATEST(
        CASE
          WHEN "_ps_lost0_115" < "_ps_top1_124"
          THEN "_ps_lost0_115"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost1_116" < "_ps_top1_124"
          THEN "_ps_lost1_116"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost2_117" < "_ps_top1_124"
          THEN "_ps_lost2_117"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost3_118" < "_ps_top1_124"
          THEN "_ps_lost3_118"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost4_119" < "_ps_top1_124"
          THEN "_ps_lost4_119"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost5_120" < "_ps_top1_124"
          THEN "_ps_lost5_120"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost6_121" < "_ps_top1_124"
          THEN "_ps_lost6_121"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost7_122" < "_ps_top1_124"
          THEN "_ps_lost7_122"
          ELSE CAST(-1 AS DOUBLE)
        END
      )
    END AS "_ps_top2_125"
  FROM _ps_layer_27
), _ps_layer_29 AS (
  SELECT
    *,
    CASE
      WHEN CASE
        WHEN "_ps_lost0_115" < "_ps_top2_125"
        THEN "_ps_lost0_115"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost1_116" < "_ps_top2_125"
        THEN "_ps_lost1_116"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost2_117" < "_ps_top2_125"
        THEN "_ps_lost2_117"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost3_118" < "_ps_top2_125"
        THEN "_ps_lost3_118"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost4_119" < "_ps_top2_125"
        THEN "_ps_lost4_119"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost5_120" < "_ps_top2_125"
        THEN "_ps_lost5_120"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost6_121" < "_ps_top2_125"
        THEN "_ps_lost6_121"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      OR CASE
        WHEN "_ps_lost7_122" < "_ps_top2_125"
        THEN "_ps_lost7_122"
        ELSE CAST(-1 AS DOUBLE)
      END IS NULL
      THEN NULL
      ELSE GREATEST(
        CASE
          WHEN "_ps_lost0_115" < "_ps_top2_125"
          THEN "_ps_lost0_115"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost1_116" < "_ps_top2_125"
          THEN "_ps_lost1_116"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost2_117" < "_ps_top2_125"
          THEN "_ps_lost2_117"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost3_118" < "_ps_top2_125"
          THEN "_ps_lost3_118"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost4_119" < "_ps_top2_125"
          THEN "_ps_lost4_119"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost5_120" < "_ps_top2_125"
          THEN "_ps_lost5_120"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost6_121" < "_ps_top2_125"
          THEN "_ps_lost6_121"
          ELSE CAST(-1 AS DOUBLE)
        END,
        CASE
          WHEN "_ps_lost7_122" < "_ps_top2_125"
          THEN "_ps_lost7_122"
          ELSE CAST(-1 AS DOUBLE)
        END
      )
    END AS "_ps_top3_126"
  FROM _ps_layer_28
), _ps_layer_30 AS (
  SELECT
    *,
    LIST_CONCAT(
      CASE
        WHEN "_ps_top0_123" >= 16e0
        THEN CASE
          WHEN "_ps_top0_123" = "_ps_lost0_115"
          THEN ['negotiation']
          WHEN "_ps_top0_123" = "_ps_lost1_116"
          THEN ['paying_on_time']
          WHEN "_ps_top0_123" = "_ps_lost2_117"
          THEN ['accounting_work']
          WHEN "_ps_top0_123" = "_ps_lost3_118"
          THEN ['owner_involvement']
          WHEN "_ps_top0_123" = "_ps_lost4_119"
          THEN ['wallet_share_growth']
          WHEN "_ps_top0_123" = "_ps_lost5_120"
          THEN ['lifetime_value_with_referrals']
          WHEN "_ps_top0_123" = "_ps_lost6_121"
          THEN ['standing_in_size']
          WHEN "_ps_top0_123" = "_ps_lost7_122"
          THEN ['concentration_risk']
          ELSE CAST([] AS TEXT[])
        END
        ELSE CAST([] AS TEXT[])
      END,
      CASE
        WHEN "_ps_top1_124" >= 16e0
        THEN CASE
          WHEN "_ps_top1_124" = "_ps_lost0_115"
          THEN ['negotiation']
          WHEN "_ps_top1_124" = "_ps_lost1_116"
          THEN ['paying_on_time']
          WHEN "_ps_top1_124" = "_ps_lost2_117"
          THEN ['accounting_work']
          WHEN "_ps_top1_124" = "_ps_lost3_118"
          THEN ['owner_involvement']
          WHEN "_ps_top1_124" = "_ps_lost4_119"
          THEN ['wallet_share_growth']
          WHEN "_ps_top1_124" = "_ps_lost5_120"
          THEN ['lifetime_value_with_referrals']
          WHEN "_ps_top1_124" = "_ps_lost6_121"
          THEN ['standing_in_size']
          WHEN "_ps_top1_124" = "_ps_lost7_122"
          THEN ['concentration_risk']
          ELSE CAST([] AS TEXT[])
        END
        ELSE CAST([] AS TEXT[])
      END,
      CASE
        WHEN "_ps_top2_125" >= 16e0
        THEN CASE
          WHEN "_ps_top2_125" = "_ps_lost0_115"
          THEN ['negotiation']
          WHEN "_ps_top2_125" = "_ps_lost1_116"
          THEN ['paying_on_time']
          WHEN "_ps_top2_125" = "_ps_lost2_117"
          THEN ['accounting_work']
          WHEN "_ps_top2_125" = "_ps_lost3_118"
          THEN ['owner_involvement']
          WHEN "_ps_top2_125" = "_ps_lost4_119"
          THEN ['wallet_share_growth']
          WHEN "_ps_top2_125" = "_ps_lost5_120"
          THEN ['lifetime_value_with_referrals']
          WHEN "_ps_top2_125" = "_ps_lost6_121"
          THEN ['standing_in_size']
          WHEN "_ps_top2_125" = "_ps_lost7_122"
          THEN ['concentration_risk']
          ELSE CAST([] AS TEXT[])
        END
        ELSE CAST([] AS TEXT[])
      END,
      CASE
        WHEN "_ps_top3_126" >= 16e0
        THEN CASE
          WHEN "_ps_top3_126" = "_ps_lost0_115"
          THEN ['negotiation']
          WHEN "_ps_top3_126" = "_ps_lost1_116"
          THEN ['paying_on_time']
          WHEN "_ps_top3_126" = "_ps_lost2_117"
          THEN ['accounting_work']
          WHEN "_ps_top3_126" = "_ps_lost3_118"
          THEN ['owner_involvement']
          WHEN "_ps_top3_126" = "_ps_lost4_119"
          THEN ['wallet_share_growth']
          WHEN "_ps_top3_126" = "_ps_lost5_120"
          THEN ['lifetime_value_with_referrals']
          WHEN "_ps_top3_126" = "_ps_lost6_121"
          THEN ['standing_in_size']
          WHEN "_ps_top3_126" = "_ps_lost7_122"
          THEN ['concentration_risk']
          ELSE CAST([] AS TEXT[])
        END
        ELSE CAST([] AS TEXT[])
      END
    ) AS "_ps_reasons_127"
  FROM _ps_layer_29
)
SELECT
  "_ps_id" AS "id",
  CASE WHEN NOT "_ps_fallback_130" THEN "_ps_eligible" ELSE NULL END AS "eligible",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_total_108" / 100e0
    ELSE NULL
  END AS "score",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_tier_114"
    ELSE NULL
  END AS "tier",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units0_48" / 100e0
    ELSE NULL
  END AS "points_negotiation",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units1_51" / 100e0
    ELSE NULL
  END AS "points_paying_on_time",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units2_63" / 100e0
    ELSE NULL
  END AS "points_accounting_work",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units3_67" / 100e0
    ELSE NULL
  END AS "points_owner_involvement",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units4_79" / 100e0
    ELSE NULL
  END AS "points_wallet_share_growth",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units5_91" / 100e0
    ELSE NULL
  END AS "points_lifetime_value_with_referrals",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_units6_103" / 100e0
    ELSE NULL
  END AS "points_standing_in_size",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN (
      "_ps_raw_units_107" - "_ps_factor_units_106"
    ) / 100e0
    ELSE NULL
  END AS "adjustment_points",
  CASE
    WHEN NOT "_ps_fallback_130"
    THEN LIST_CONCAT(
      CASE
        WHEN "_ps_filter_44" IS TRUE
        THEN CAST([] AS TEXT[])
        ELSE ['paying_customer']
      END,
      CASE
        WHEN "_ps_filter_45" IS TRUE
        THEN CAST([] AS TEXT[])
        ELSE ['six_months_of_history']
      END
    )
    ELSE NULL
  END AS "failed_filters",
  CASE
    WHEN NOT "_ps_fallback_130" AND "_ps_eligible"
    THEN "_ps_reasons_127"
    WHEN NOT "_ps_fallback_130"
    THEN LIST_CONCAT(
      CASE
        WHEN "_ps_filter_44" IS TRUE
        THEN CAST([] AS TEXT[])
        ELSE ['paying_customer']
      END,
      CASE
        WHEN "_ps_filter_45" IS TRUE
        THEN CAST([] AS TEXT[])
        ELSE ['six_months_of_history']
      END
    )
    ELSE NULL
  END AS "reasons"
FROM _ps_layer_30

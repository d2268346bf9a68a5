-- policyscore: policy balanced-portfolio version 1 (sha256 77c0ce5919be)
-- as of 2026-11-01: the evaluation date is written into the query
-- reads the table crm.customers; one row per record: id, eligible, score, tier, points_lifetime_value, points_feedback_value, points_engagement, points_innovation_partnership, points_satisfaction, points_longevity, adjustment_points, failed_filters, reasons
WITH _ps_layer_0 AS (
  SELECT
    "_ps_in"."id" AS "_ps_id",
    CAST("_ps_in"."active_users_30d" AS DOUBLE PRECISION) AS "active_users_30d",
    "_ps_in"."beta_participant" AS "beta_participant",
    CAST("_ps_in"."churned_on" AS DATE) AS "churned_on",
    "_ps_in"."company_size" AS "company_size",
    CAST("_ps_in"."feature_requests_adopted" AS DOUBLE PRECISION) AS "feature_requests_adopted",
    CAST("_ps_in"."feature_requests_submitted" AS DOUBLE PRECISION) AS "feature_requests_submitted",
    CAST("_ps_in"."feedback_sessions" AS DOUBLE PRECISION) AS "feedback_sessions",
    "_ps_in"."innovation_partner" AS "innovation_partner",
    CAST("_ps_in"."lifetime_value" AS DOUBLE PRECISION) AS "lifetime_value",
    CAST("_ps_in"."nps_score" AS DOUBLE PRECISION) AS "nps_score",
    CAST("_ps_in"."seats_purchased" AS DOUBLE PRECISION) AS "seats_purchased",
    CAST("_ps_in"."signup_date" AS DATE) AS "signup_date",
    "_ps_in"."status" AS "status",
    CAST("_ps_in"."support_tickets" AS DOUBLE PRECISION) AS "support_tickets",
    "_ps_in"."tags" AS "tags",
    CAST("_ps_in"."total_spend" AS DOUBLE PRECISION) AS "total_spend"
  FROM crm.customers AS _ps_in
), _ps_layer_1 AS (
  SELECT
    *,
    CASE
      WHEN (
        "company_size"
      ) IS NULL
      THEN NULL
      ELSE (
        "company_size"
      ) IN ('micro', 'small')
    END AS "_ps_let_1",
    CASE
      WHEN (
        CAST(365 AS DOUBLE PRECISION)
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN NULL
      ELSE CAST((
        CAST(CAST(EXTRACT(epoch FROM CAST(CAST('2026-11-01' AS DATE) AS TIMESTAMP) - CAST("signup_date" AS TIMESTAMP)) / 86400 AS BIGINT) AS DOUBLE PRECISION)
      ) AS DOUBLE PRECISION) / (
        CAST(365 AS DOUBLE PRECISION)
      )
    END AS "_ps_let_2",
    CASE
      WHEN (
        (
          COALESCE("lifetime_value", CAST(0 AS DOUBLE PRECISION))
        ) IS NULL
      )
      OR (
        (
          "total_spend"
        ) IS NULL
      )
      THEN NULL
      ELSE GREATEST(COALESCE("lifetime_value", CAST(0 AS DOUBLE PRECISION)), "total_spend")
    END AS "_ps_let_3",
    CASE
      WHEN (
        "feature_requests_submitted"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN NULL
      ELSE CAST((
        "feature_requests_adopted"
      ) AS DOUBLE PRECISION) / (
        "feature_requests_submitted"
      )
    END AS "_ps_let_5",
    CASE
      WHEN (
        "seats_purchased"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN NULL
      ELSE CAST((
        "active_users_30d"
      ) AS DOUBLE PRECISION) / (
        "seats_purchased"
      )
    END AS "_ps_let_6",
    (
      (
        (
          "status"
        ) <> (
          'churned'
        )
      )
      OR (
        (
          CAST(CAST(EXTRACT(epoch FROM CAST(CAST('2026-11-01' AS DATE) AS TIMESTAMP) - CAST("churned_on" AS TIMESTAMP)) / 86400 AS BIGINT) AS DOUBLE PRECISION)
        ) <= (
          CAST(365 AS DOUBLE PRECISION)
        )
      )
    ) AS "_ps_filter_7",
    NOT (
      CASE
        WHEN (
          (
            'test_account'
          ) IS NULL
        ) OR (
          (
            "tags"
          ) IS NULL
        )
        THEN NULL
        ELSE COALESCE(
          CASE
            WHEN 'test_account' IS NULL
            THEN NULL
            ELSE COALESCE('test_account' = ANY(
              "tags"
            ), FALSE)
          END,
          FALSE
        )
      END
    ) AS "_ps_filter_8",
    CASE
      WHEN (
        "innovation_partner"
      ) IS TRUE
      THEN CAST(1 AS DOUBLE PRECISION)
      WHEN (
        "innovation_partner"
      ) IS FALSE
      THEN CASE
        WHEN (
          "beta_participant"
        ) IS TRUE
        THEN CAST('0.6' AS DOUBLE PRECISION)
        WHEN (
          "beta_participant"
        ) IS FALSE
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE NULL
      END
      ELSE NULL
    END AS "_ps_raw_37",
    CASE
      WHEN (
        "nps_score"
      ) IS NULL
      THEN NULL
      ELSE CASE
        WHEN (
          CAST(5 AS DOUBLE PRECISION)
        ) = (
          CAST(10 AS DOUBLE PRECISION)
        )
        THEN CASE
          WHEN (
            "nps_score"
          ) >= (
            CAST(10 AS DOUBLE PRECISION)
          )
          THEN CAST('1.0' AS DOUBLE PRECISION)
          ELSE CAST('0.0' AS DOUBLE PRECISION)
        END
        ELSE CASE
          WHEN (
            CAST((
              "nps_score" - CAST(5 AS DOUBLE PRECISION)
            ) AS DOUBLE PRECISION) / (
              CAST(10 AS DOUBLE PRECISION) - CAST(5 AS DOUBLE PRECISION)
            )
          ) < (
            CAST(0 AS DOUBLE PRECISION)
          )
          THEN CAST('0.0' AS DOUBLE PRECISION)
          WHEN (
            CAST((
              "nps_score" - CAST(5 AS DOUBLE PRECISION)
            ) AS DOUBLE PRECISION) / (
              CAST(10 AS DOUBLE PRECISION) - CAST(5 AS DOUBLE PRECISION)
            )
          ) > (
            CAST(1 AS DOUBLE PRECISION)
          )
          THEN CAST('1.0' AS DOUBLE PRECISION)
          ELSE CAST((
            "nps_score" - CAST(5 AS DOUBLE PRECISION)
          ) AS DOUBLE PRECISION) / (
            CAST(10 AS DOUBLE PRECISION) - CAST(5 AS DOUBLE PRECISION)
          )
        END
      END
    END AS "_ps_raw_49",
    CASE
      WHEN (
        (
          'case_study'
        ) IS NULL
      ) OR (
        (
          "tags"
        ) IS NULL
      )
      THEN NULL
      ELSE COALESCE(
        CASE
          WHEN 'case_study' IS NULL
          THEN NULL
          ELSE COALESCE('case_study' = ANY(
            "tags"
          ), FALSE)
        END,
        FALSE
      )
    END AS "_ps_adj_75",
    (
      "status"
    ) = (
      'churned'
    ) AS "_ps_adj_76"
  FROM _ps_layer_0
), _ps_layer_2 AS (
  SELECT
    *,
    CASE
      WHEN (
        "_ps_let_2"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN NULL
      ELSE CAST((
        (
          "feedback_sessions"
        ) + (
          (
            CAST(2 AS DOUBLE PRECISION)
          ) * (
            "feature_requests_adopted"
          )
        )
      ) AS DOUBLE PRECISION) / (
        "_ps_let_2"
      )
    END AS "_ps_let_4",
    "_ps_filter_7" IS TRUE AND "_ps_filter_8" IS TRUE AS "_ps_eligible",
    CASE
      WHEN (
        IS_NAN("_ps_let_6")
      ) OR (
        IS_NAN(CAST('0.8' AS DOUBLE PRECISION))
      )
      THEN FALSE
      ELSE (
        "_ps_let_6"
      ) >= (
        CAST('0.8' AS DOUBLE PRECISION)
      )
    END AS "_ps_band_33",
    CASE
      WHEN (
        IS_NAN("_ps_let_6")
      ) OR (
        IS_NAN(CAST('0.5' AS DOUBLE PRECISION))
      )
      THEN FALSE
      ELSE (
        "_ps_let_6"
      ) >= (
        CAST('0.5' AS DOUBLE PRECISION)
      )
    END AS "_ps_band_34",
    CASE
      WHEN (
        IS_NAN("_ps_let_6")
      ) OR (
        IS_NAN(CAST('0.2' AS DOUBLE PRECISION))
      )
      THEN FALSE
      ELSE (
        "_ps_let_6"
      ) >= (
        CAST('0.2' AS DOUBLE PRECISION)
      )
    END AS "_ps_band_35",
    CASE
      WHEN (
        "_ps_raw_37" - "_ps_raw_37"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN CAST(10 AS DOUBLE PRECISION) * CASE
        WHEN "_ps_raw_37" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        WHEN "_ps_raw_37" > CAST(1 AS DOUBLE PRECISION)
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE "_ps_raw_37"
      END
      ELSE NULL
    END AS "_ps_x_38",
    CASE
      WHEN (
        "_ps_raw_49" - "_ps_raw_49"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN CAST(10 AS DOUBLE PRECISION) * CASE
        WHEN "_ps_raw_49" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        WHEN "_ps_raw_49" > CAST(1 AS DOUBLE PRECISION)
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE "_ps_raw_49"
      END
      ELSE NULL
    END AS "_ps_x_50",
    CASE
      WHEN (
        CAST(0 AS DOUBLE PRECISION)
      ) = (
        CAST(5 AS DOUBLE PRECISION)
      )
      THEN CASE
        WHEN (
          CASE
            WHEN ABS("_ps_let_2") >= CAST('4503599627370496.0' AS DOUBLE PRECISION)
            THEN "_ps_let_2"
            ELSE CAST(FLOOR("_ps_let_2") AS DOUBLE PRECISION)
          END
        ) >= (
          CAST(5 AS DOUBLE PRECISION)
        )
        THEN CAST('1.0' AS DOUBLE PRECISION)
        ELSE CAST('0.0' AS DOUBLE PRECISION)
      END
      ELSE CASE
        WHEN (
          CAST((
            CASE
              WHEN ABS("_ps_let_2") >= CAST('4503599627370496.0' AS DOUBLE PRECISION)
              THEN "_ps_let_2"
              ELSE CAST(FLOOR("_ps_let_2") AS DOUBLE PRECISION)
            END - CAST(0 AS DOUBLE PRECISION)
          ) AS DOUBLE PRECISION) / (
            CAST(5 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
          )
        ) < (
          CAST(0 AS DOUBLE PRECISION)
        )
        THEN CAST('0.0' AS DOUBLE PRECISION)
        WHEN (
          CAST((
            CASE
              WHEN ABS("_ps_let_2") >= CAST('4503599627370496.0' AS DOUBLE PRECISION)
              THEN "_ps_let_2"
              ELSE CAST(FLOOR("_ps_let_2") AS DOUBLE PRECISION)
            END - CAST(0 AS DOUBLE PRECISION)
          ) AS DOUBLE PRECISION) / (
            CAST(5 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
          )
        ) > (
          CAST(1 AS DOUBLE PRECISION)
        )
        THEN CAST('1.0' AS DOUBLE PRECISION)
        ELSE CAST((
          CASE
            WHEN ABS("_ps_let_2") >= CAST('4503599627370496.0' AS DOUBLE PRECISION)
            THEN "_ps_let_2"
            ELSE CAST(FLOOR("_ps_let_2") AS DOUBLE PRECISION)
          END - CAST(0 AS DOUBLE PRECISION)
        ) AS DOUBLE PRECISION) / (
          CAST(5 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
        )
      END
    END AS "_ps_raw_61",
    (
      (
        (
          (
            "_ps_let_1"
          )
          AND (
            (
              "feedback_sessions"
            ) >= (
              CAST(4 AS DOUBLE PRECISION)
            )
          )
        )
      )
      AND (
        (
          "feature_requests_adopted"
        ) >= (
          CAST(1 AS DOUBLE PRECISION)
        )
      )
    ) AS "_ps_adj_73",
    (
      (
        (
          (
            NOT (
              "_ps_let_1"
            )
          )
          AND (
            (
              "feedback_sessions"
            ) = (
              CAST(0 AS DOUBLE PRECISION)
            )
          )
        )
      )
      AND (
        (
          "support_tickets"
        ) >= (
          CAST(25 AS DOUBLE PRECISION)
        )
      )
    ) AS "_ps_adj_74",
    CASE
      WHEN (
        IS_NAN("_ps_let_3")
      ) OR (
        IS_NAN(CAST(0 AS DOUBLE PRECISION))
      )
      THEN FALSE
      ELSE (
        "_ps_let_3"
      ) < (
        CAST(0 AS DOUBLE PRECISION)
      )
    END AS "_ps_same_95",
    CASE
      WHEN "_ps_adj_76" IS TRUE
      THEN CAST(100 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END AS "_ps_same_117"
  FROM _ps_layer_1
), _ps_layer_3 AS (
  SELECT
    *,
    CASE
      WHEN (
        "_ps_let_1"
      ) IS TRUE
      THEN CASE
        WHEN (
          CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END
        ) IS NULL
        THEN NULL
        ELSE CASE
          WHEN CASE
            WHEN (
              IS_NAN(CAST(0 AS DOUBLE PRECISION))
            )
            OR (
              IS_NAN(CAST('223.60679774997897' AS DOUBLE PRECISION))
            )
            THEN FALSE
            ELSE (
              CAST(0 AS DOUBLE PRECISION)
            ) = (
              CAST('223.60679774997897' AS DOUBLE PRECISION)
            )
          END
          THEN CASE
            WHEN CASE
              WHEN (
                IS_NAN(CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END)
              )
              OR (
                IS_NAN(CAST('223.60679774997897' AS DOUBLE PRECISION))
              )
              THEN FALSE
              ELSE (
                CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END
              ) >= (
                CAST('223.60679774997897' AS DOUBLE PRECISION)
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
                    CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
                  ) AS DOUBLE PRECISION) / (
                    CAST('223.60679774997897' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                  )
                )
              )
              OR (
                IS_NAN(CAST(0 AS DOUBLE PRECISION))
              )
              THEN FALSE
              ELSE (
                CAST((
                  CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
                ) AS DOUBLE PRECISION) / (
                  CAST('223.60679774997897' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
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
                    CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
                  ) AS DOUBLE PRECISION) / (
                    CAST('223.60679774997897' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                  )
                )
              )
              OR (
                IS_NAN(CAST(1 AS DOUBLE PRECISION))
              )
              THEN FALSE
              ELSE (
                CAST((
                  CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
                ) AS DOUBLE PRECISION) / (
                  CAST('223.60679774997897' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                )
              ) > (
                CAST(1 AS DOUBLE PRECISION)
              )
            END
            THEN CAST('1.0' AS DOUBLE PRECISION)
            ELSE CAST((
              CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
            ) AS DOUBLE PRECISION) / (
              CAST('223.60679774997897' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
            )
          END
        END
      END
      WHEN (
        "_ps_let_1"
      ) IS FALSE
      THEN CASE
        WHEN (
          CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END
        ) IS NULL
        THEN NULL
        ELSE CASE
          WHEN CASE
            WHEN (
              IS_NAN(CAST(0 AS DOUBLE PRECISION))
            )
            OR (
              IS_NAN(CAST('866.0254037844386' AS DOUBLE PRECISION))
            )
            THEN FALSE
            ELSE (
              CAST(0 AS DOUBLE PRECISION)
            ) = (
              CAST('866.0254037844386' AS DOUBLE PRECISION)
            )
          END
          THEN CASE
            WHEN CASE
              WHEN (
                IS_NAN(CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END)
              )
              OR (
                IS_NAN(CAST('866.0254037844386' AS DOUBLE PRECISION))
              )
              THEN FALSE
              ELSE (
                CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END
              ) >= (
                CAST('866.0254037844386' AS DOUBLE PRECISION)
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
                    CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
                  ) AS DOUBLE PRECISION) / (
                    CAST('866.0254037844386' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                  )
                )
              )
              OR (
                IS_NAN(CAST(0 AS DOUBLE PRECISION))
              )
              THEN FALSE
              ELSE (
                CAST((
                  CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
                ) AS DOUBLE PRECISION) / (
                  CAST('866.0254037844386' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
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
                    CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
                  ) AS DOUBLE PRECISION) / (
                    CAST('866.0254037844386' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                  )
                )
              )
              OR (
                IS_NAN(CAST(1 AS DOUBLE PRECISION))
              )
              THEN FALSE
              ELSE (
                CAST((
                  CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
                ) AS DOUBLE PRECISION) / (
                  CAST('866.0254037844386' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                )
              ) > (
                CAST(1 AS DOUBLE PRECISION)
              )
            END
            THEN CAST('1.0' AS DOUBLE PRECISION)
            ELSE CAST((
              CASE WHEN "_ps_same_95" THEN NULL ELSE SQRT("_ps_let_3") END - CAST(0 AS DOUBLE PRECISION)
            ) AS DOUBLE PRECISION) / (
              CAST('866.0254037844386' AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
            )
          END
        END
      END
      ELSE NULL
    END AS "_ps_raw_9",
    (
      (
        CAST('0.7' AS DOUBLE PRECISION)
      ) * (
        CASE
          WHEN (
            "_ps_let_4"
          ) IS NULL
          THEN NULL
          ELSE CASE
            WHEN CASE
              WHEN (
                IS_NAN(CAST(0 AS DOUBLE PRECISION))
              )
              OR (
                IS_NAN(CAST(8 AS DOUBLE PRECISION))
              )
              THEN FALSE
              ELSE (
                CAST(0 AS DOUBLE PRECISION)
              ) = (
                CAST(8 AS DOUBLE PRECISION)
              )
            END
            THEN CASE
              WHEN CASE
                WHEN (
                  IS_NAN("_ps_let_4")
                ) OR (
                  IS_NAN(CAST(8 AS DOUBLE PRECISION))
                )
                THEN FALSE
                ELSE (
                  "_ps_let_4"
                ) >= (
                  CAST(8 AS DOUBLE PRECISION)
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
                      "_ps_let_4" - CAST(0 AS DOUBLE PRECISION)
                    ) AS DOUBLE PRECISION) / (
                      CAST(8 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                    )
                  )
                )
                OR (
                  IS_NAN(CAST(0 AS DOUBLE PRECISION))
                )
                THEN FALSE
                ELSE (
                  CAST((
                    "_ps_let_4" - CAST(0 AS DOUBLE PRECISION)
                  ) AS DOUBLE PRECISION) / (
                    CAST(8 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
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
                      "_ps_let_4" - CAST(0 AS DOUBLE PRECISION)
                    ) AS DOUBLE PRECISION) / (
                      CAST(8 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                    )
                  )
                )
                OR (
                  IS_NAN(CAST(1 AS DOUBLE PRECISION))
                )
                THEN FALSE
                ELSE (
                  CAST((
                    "_ps_let_4" - CAST(0 AS DOUBLE PRECISION)
                  ) AS DOUBLE PRECISION) / (
                    CAST(8 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
                  )
                ) > (
                  CAST(1 AS DOUBLE PRECISION)
                )
              END
              THEN CAST('1.0' AS DOUBLE PRECISION)
              ELSE CAST((
                "_ps_let_4" - CAST(0 AS DOUBLE PRECISION)
              ) AS DOUBLE PRECISION) / (
                CAST(8 AS DOUBLE PRECISION) - CAST(0 AS DOUBLE PRECISION)
              )
            END
          END
        END
      )
    ) + (
      (
        CAST('0.3' AS DOUBLE PRECISION)
      ) * (
        COALESCE("_ps_let_5", CAST(0 AS DOUBLE PRECISION))
      )
    ) AS "_ps_raw_21",
    CASE
      WHEN "_ps_band_33" IS TRUE
      THEN CAST(200 AS DOUBLE PRECISION)
      WHEN "_ps_band_33" IS NULL
      THEN CAST(50 AS DOUBLE PRECISION)
      WHEN "_ps_band_34" IS TRUE
      THEN CAST(120 AS DOUBLE PRECISION)
      WHEN "_ps_band_34" IS NULL
      THEN CAST(50 AS DOUBLE PRECISION)
      WHEN "_ps_band_35" IS TRUE
      THEN CAST(60 AS DOUBLE PRECISION)
      WHEN "_ps_band_35" IS NULL
      THEN CAST(50 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END AS "_ps_units2_36",
    ABS("_ps_x_38") AS "_ps_abs_39",
    ABS("_ps_x_50") AS "_ps_abs_51",
    CASE
      WHEN (
        "_ps_raw_61" - "_ps_raw_61"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN CAST(5 AS DOUBLE PRECISION) * CASE
        WHEN "_ps_raw_61" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        WHEN "_ps_raw_61" > CAST(1 AS DOUBLE PRECISION)
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE "_ps_raw_61"
      END
      ELSE NULL
    END AS "_ps_x_62",
    (
      COALESCE(
        (
          (
            "_ps_eligible"
          )
          AND (
            NOT (
              (
                "_ps_let_2" - "_ps_let_2"
              ) = CAST(0 AS DOUBLE PRECISION)
            )
          )
        ),
        FALSE
      )
    )
    OR (
      "beta_participant" IS NULL
    )
    OR (
      "company_size" IS NULL
    )
    OR (
      "feature_requests_adopted" IS NULL
    )
    OR (
      "feature_requests_submitted" IS NULL
    )
    OR (
      "feedback_sessions" IS NULL
    )
    OR (
      "innovation_partner" IS NULL
    )
    OR (
      "seats_purchased" IS NULL
    )
    OR (
      "signup_date" IS NULL
    )
    OR (
      "status" IS NULL
    )
    OR (
      "support_tickets" IS NULL
    )
    OR (
      "tags" IS NULL
    )
    OR (
      "total_spend" IS NULL
    ) AS "_ps_fallback_94",
    CASE
      WHEN "_ps_adj_74" IS TRUE
      THEN CAST(50 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END AS "_ps_same_116"
  FROM _ps_layer_2
), _ps_layer_4 AS (
  SELECT
    *,
    CASE
      WHEN (
        "_ps_raw_9" - "_ps_raw_9"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN CAST(30 AS DOUBLE PRECISION) * CASE
        WHEN "_ps_raw_9" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        WHEN "_ps_raw_9" > CAST(1 AS DOUBLE PRECISION)
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE "_ps_raw_9"
      END
      ELSE NULL
    END AS "_ps_x_10",
    CASE
      WHEN (
        "_ps_raw_21" - "_ps_raw_21"
      ) = CAST(0 AS DOUBLE PRECISION)
      THEN CAST(25 AS DOUBLE PRECISION) * CASE
        WHEN "_ps_raw_21" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        WHEN "_ps_raw_21" > CAST(1 AS DOUBLE PRECISION)
        THEN CAST(1 AS DOUBLE PRECISION)
        ELSE "_ps_raw_21"
      END
      ELSE NULL
    END AS "_ps_x_22",
    "_ps_abs_39" * CAST(10 AS DOUBLE PRECISION) AS "_ps_scaled_40",
    "_ps_abs_51" * CAST(10 AS DOUBLE PRECISION) AS "_ps_scaled_52",
    ABS("_ps_x_62") AS "_ps_abs_63"
  FROM _ps_layer_3
), _ps_layer_5 AS (
  SELECT
    *,
    ABS("_ps_x_10") AS "_ps_abs_11",
    ABS("_ps_x_22") AS "_ps_abs_23",
    "_ps_scaled_40" < CAST('1000000000000000.0' AS DOUBLE PRECISION)
    AND ABS("_ps_scaled_40" - FLOOR("_ps_scaled_40") - CAST('0.5' AS DOUBLE PRECISION)) > "_ps_scaled_40" * CAST('9.094947017729282e-13' AS DOUBLE PRECISION) AS "_ps_plain_41",
    "_ps_scaled_52" < CAST('1000000000000000.0' AS DOUBLE PRECISION)
    AND ABS("_ps_scaled_52" - FLOOR("_ps_scaled_52") - CAST('0.5' AS DOUBLE PRECISION)) > "_ps_scaled_52" * CAST('9.094947017729282e-13' AS DOUBLE PRECISION) AS "_ps_plain_53",
    "_ps_abs_63" * CAST(10 AS DOUBLE PRECISION) AS "_ps_scaled_64"
  FROM _ps_layer_4
), _ps_layer_6 AS (
  SELECT
    *,
    "_ps_abs_11" * CAST(10 AS DOUBLE PRECISION) AS "_ps_scaled_12",
    "_ps_abs_23" * CAST(10 AS DOUBLE PRECISION) AS "_ps_scaled_24",
    CASE WHEN "_ps_plain_41" THEN NULL ELSE "_ps_abs_39" END AS "_ps_abs_42",
    CASE WHEN "_ps_plain_53" THEN NULL ELSE "_ps_abs_51" END AS "_ps_abs_54",
    "_ps_scaled_64" < CAST('1000000000000000.0' AS DOUBLE PRECISION)
    AND ABS("_ps_scaled_64" - FLOOR("_ps_scaled_64") - CAST('0.5' AS DOUBLE PRECISION)) > "_ps_scaled_64" * CAST('9.094947017729282e-13' AS DOUBLE PRECISION) AS "_ps_plain_65"
  FROM _ps_layer_5
), _ps_layer_7 AS (
  SELECT
    *,
    "_ps_scaled_12" < CAST('1000000000000000.0' AS DOUBLE PRECISION)
    AND ABS("_ps_scaled_12" - FLOOR("_ps_scaled_12") - CAST('0.5' AS DOUBLE PRECISION)) > "_ps_scaled_12" * CAST('9.094947017729282e-13' AS DOUBLE PRECISION) AS "_ps_plain_13",
    "_ps_scaled_24" < CAST('1000000000000000.0' AS DOUBLE PRECISION)
    AND ABS("_ps_scaled_24" - FLOOR("_ps_scaled_24") - CAST('0.5' AS DOUBLE PRECISION)) > "_ps_scaled_24" * CAST('9.094947017729282e-13' AS DOUBLE PRECISION) AS "_ps_plain_25",
    CASE
      WHEN "_ps_abs_42" >= CAST('100.0' AS DOUBLE PRECISION)
      THEN CAST(1000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_42" >= CAST('10.0' AS DOUBLE PRECISION)
      THEN CAST(10000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_42" >= CAST('1.0' AS DOUBLE PRECISION)
      THEN CAST(100000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_42" >= CAST('0.1' AS DOUBLE PRECISION)
      THEN CAST(1000000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_42" >= CAST('0.01' AS DOUBLE PRECISION)
      THEN CAST('1e+16' AS DOUBLE PRECISION)
    END AS "_ps_pow_43",
    CASE
      WHEN "_ps_abs_54" >= CAST('100.0' AS DOUBLE PRECISION)
      THEN CAST(1000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_54" >= CAST('10.0' AS DOUBLE PRECISION)
      THEN CAST(10000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_54" >= CAST('1.0' AS DOUBLE PRECISION)
      THEN CAST(100000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_54" >= CAST('0.1' AS DOUBLE PRECISION)
      THEN CAST(1000000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_54" >= CAST('0.01' AS DOUBLE PRECISION)
      THEN CAST('1e+16' AS DOUBLE PRECISION)
    END AS "_ps_pow_55",
    CASE WHEN "_ps_plain_65" THEN NULL ELSE "_ps_abs_63" END AS "_ps_abs_66",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_42" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_42" - "_ps_abs_42"
    ) AS "_ps_same_110",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_54" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_54" - "_ps_abs_54"
    ) AS "_ps_same_112"
  FROM _ps_layer_6
), _ps_layer_8 AS (
  SELECT
    *,
    CASE WHEN "_ps_plain_13" THEN NULL ELSE "_ps_abs_11" END AS "_ps_abs_14",
    CASE WHEN "_ps_plain_25" THEN NULL ELSE "_ps_abs_23" END AS "_ps_abs_26",
    "_ps_abs_42" * "_ps_pow_43" AS "_ps_p_44",
    "_ps_abs_54" * "_ps_pow_55" AS "_ps_p_56",
    CASE
      WHEN "_ps_abs_66" >= CAST('10.0' AS DOUBLE PRECISION)
      THEN CAST(10000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_66" >= CAST('1.0' AS DOUBLE PRECISION)
      THEN CAST(100000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_66" >= CAST('0.1' AS DOUBLE PRECISION)
      THEN CAST(1000000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_66" >= CAST('0.01' AS DOUBLE PRECISION)
      THEN CAST('1e+16' AS DOUBLE PRECISION)
    END AS "_ps_pow_67",
    "_ps_abs_42" - (
      "_ps_same_110"
    ) AS "_ps_same_101",
    "_ps_abs_54" - (
      "_ps_same_112"
    ) AS "_ps_same_103",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_43" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_43" - "_ps_pow_43"
    ) AS "_ps_same_111",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_55" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_55" - "_ps_pow_55"
    ) AS "_ps_same_113",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_66" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_66" - "_ps_abs_66"
    ) AS "_ps_same_114"
  FROM _ps_layer_7
), _ps_layer_9 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_abs_14" >= CAST('100.0' AS DOUBLE PRECISION)
      THEN CAST(1000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_14" >= CAST('10.0' AS DOUBLE PRECISION)
      THEN CAST(10000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_14" >= CAST('1.0' AS DOUBLE PRECISION)
      THEN CAST(100000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_14" >= CAST('0.1' AS DOUBLE PRECISION)
      THEN CAST(1000000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_14" >= CAST('0.01' AS DOUBLE PRECISION)
      THEN CAST('1e+16' AS DOUBLE PRECISION)
    END AS "_ps_pow_15",
    CASE
      WHEN "_ps_abs_26" >= CAST('100.0' AS DOUBLE PRECISION)
      THEN CAST(1000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_26" >= CAST('10.0' AS DOUBLE PRECISION)
      THEN CAST(10000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_26" >= CAST('1.0' AS DOUBLE PRECISION)
      THEN CAST(100000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_26" >= CAST('0.1' AS DOUBLE PRECISION)
      THEN CAST(1000000000000000 AS DOUBLE PRECISION)
      WHEN "_ps_abs_26" >= CAST('0.01' AS DOUBLE PRECISION)
      THEN CAST('1e+16' AS DOUBLE PRECISION)
    END AS "_ps_pow_27",
    "_ps_abs_66" * "_ps_pow_67" AS "_ps_p_68",
    "_ps_pow_43" - (
      "_ps_same_111"
    ) AS "_ps_same_100",
    "_ps_pow_55" - (
      "_ps_same_113"
    ) AS "_ps_same_102",
    "_ps_abs_66" - (
      "_ps_same_114"
    ) AS "_ps_same_105",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_14" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_14" - "_ps_abs_14"
    ) AS "_ps_same_106",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_26" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_abs_26" - "_ps_abs_26"
    ) AS "_ps_same_108",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_67" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_67" - "_ps_pow_67"
    ) AS "_ps_same_115"
  FROM _ps_layer_8
), _ps_layer_10 AS (
  SELECT
    *,
    "_ps_abs_14" * "_ps_pow_15" AS "_ps_p_16",
    "_ps_abs_26" * "_ps_pow_27" AS "_ps_p_28",
    (
      (
        (
          "_ps_same_110"
        ) * (
          "_ps_same_111"
        ) - (
          "_ps_abs_42" * "_ps_pow_43"
        )
      ) + (
        "_ps_same_110"
      ) * (
        "_ps_same_100"
      ) + (
        "_ps_same_101"
      ) * (
        "_ps_same_111"
      )
    ) + (
      "_ps_same_101"
    ) * (
      "_ps_same_100"
    ) AS "_ps_e_45",
    (
      (
        (
          "_ps_same_112"
        ) * (
          "_ps_same_113"
        ) - (
          "_ps_abs_54" * "_ps_pow_55"
        )
      ) + (
        "_ps_same_112"
      ) * (
        "_ps_same_102"
      ) + (
        "_ps_same_103"
      ) * (
        "_ps_same_113"
      )
    ) + (
      "_ps_same_103"
    ) * (
      "_ps_same_102"
    ) AS "_ps_e_57",
    "_ps_abs_14" - (
      "_ps_same_106"
    ) AS "_ps_same_97",
    "_ps_abs_26" - (
      "_ps_same_108"
    ) AS "_ps_same_99",
    "_ps_pow_67" - (
      "_ps_same_115"
    ) AS "_ps_same_104",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_15" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_15" - "_ps_pow_15"
    ) AS "_ps_same_107",
    CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_27" - (
      CAST('134217729.0' AS DOUBLE PRECISION) * "_ps_pow_27" - "_ps_pow_27"
    ) AS "_ps_same_109"
  FROM _ps_layer_9
), _ps_layer_11 AS (
  SELECT
    *,
    CASE
      WHEN (
        "_ps_p_44" - FLOOR("_ps_p_44")
      ) > CAST('0.5' AS DOUBLE PRECISION)
      OR (
        (
          "_ps_p_44" - FLOOR("_ps_p_44")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_45" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN FLOOR("_ps_p_44") + CAST(1 AS DOUBLE PRECISION)
      WHEN (
        (
          "_ps_p_44" - FLOOR("_ps_p_44")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_45" = CAST(0 AS DOUBLE PRECISION)
      )
      AND FLOOR("_ps_p_44") % CAST(2 AS DOUBLE PRECISION) <> CAST(0 AS DOUBLE PRECISION)
      THEN FLOOR("_ps_p_44") + CAST(1 AS DOUBLE PRECISION)
      ELSE FLOOR("_ps_p_44")
    END AS "_ps_digits_46",
    CASE
      WHEN (
        "_ps_p_56" - FLOOR("_ps_p_56")
      ) > CAST('0.5' AS DOUBLE PRECISION)
      OR (
        (
          "_ps_p_56" - FLOOR("_ps_p_56")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_57" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN FLOOR("_ps_p_56") + CAST(1 AS DOUBLE PRECISION)
      WHEN (
        (
          "_ps_p_56" - FLOOR("_ps_p_56")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_57" = CAST(0 AS DOUBLE PRECISION)
      )
      AND FLOOR("_ps_p_56") % CAST(2 AS DOUBLE PRECISION) <> CAST(0 AS DOUBLE PRECISION)
      THEN FLOOR("_ps_p_56") + CAST(1 AS DOUBLE PRECISION)
      ELSE FLOOR("_ps_p_56")
    END AS "_ps_digits_58",
    (
      (
        (
          "_ps_same_114"
        ) * (
          "_ps_same_115"
        ) - (
          "_ps_abs_66" * "_ps_pow_67"
        )
      ) + (
        "_ps_same_114"
      ) * (
        "_ps_same_104"
      ) + (
        "_ps_same_105"
      ) * (
        "_ps_same_115"
      )
    ) + (
      "_ps_same_105"
    ) * (
      "_ps_same_104"
    ) AS "_ps_e_69",
    "_ps_pow_15" - (
      "_ps_same_107"
    ) AS "_ps_same_96",
    "_ps_pow_27" - (
      "_ps_same_109"
    ) AS "_ps_same_98"
  FROM _ps_layer_10
), _ps_layer_12 AS (
  SELECT
    *,
    (
      (
        (
          "_ps_same_106"
        ) * (
          "_ps_same_107"
        ) - (
          "_ps_abs_14" * "_ps_pow_15"
        )
      ) + (
        "_ps_same_106"
      ) * (
        "_ps_same_96"
      ) + (
        "_ps_same_97"
      ) * (
        "_ps_same_107"
      )
    ) + (
      "_ps_same_97"
    ) * (
      "_ps_same_96"
    ) AS "_ps_e_17",
    (
      (
        (
          "_ps_same_108"
        ) * (
          "_ps_same_109"
        ) - (
          "_ps_abs_26" * "_ps_pow_27"
        )
      ) + (
        "_ps_same_108"
      ) * (
        "_ps_same_98"
      ) + (
        "_ps_same_99"
      ) * (
        "_ps_same_109"
      )
    ) + (
      "_ps_same_99"
    ) * (
      "_ps_same_98"
    ) AS "_ps_e_29",
    CASE
      WHEN "_ps_plain_41"
      THEN FLOOR("_ps_scaled_40" + CAST('0.5' AS DOUBLE PRECISION))
      ELSE CASE
        WHEN (
          "_ps_pow_43"
        ) IS NULL
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CASE
          WHEN "_ps_pow_43" = CAST(1000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_46" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_46" + CAST(50000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_46" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_46" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_43" = CAST(10000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_46" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_46" + CAST(500000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_46" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_46" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_43" = CAST(100000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_46" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_46" + CAST(5000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_46" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_46" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_43" = CAST(1000000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_46" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_46" + CAST(50000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_46" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_46" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_43" = CAST('1e+16' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_46" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_46" + CAST(500000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_46" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_46" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            )
          END
        END
      END
    END AS "_ps_units_47",
    CASE
      WHEN "_ps_plain_53"
      THEN FLOOR("_ps_scaled_52" + CAST('0.5' AS DOUBLE PRECISION))
      ELSE CASE
        WHEN (
          "_ps_pow_55"
        ) IS NULL
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CASE
          WHEN "_ps_pow_55" = CAST(1000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_58" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_58" + CAST(50000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_58" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_58" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_55" = CAST(10000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_58" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_58" + CAST(500000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_58" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_58" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_55" = CAST(100000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_58" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_58" + CAST(5000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_58" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_58" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_55" = CAST(1000000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_58" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_58" + CAST(50000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_58" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_58" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_55" = CAST('1e+16' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_58" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_58" + CAST(500000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_58" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_58" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            )
          END
        END
      END
    END AS "_ps_units_59",
    CASE
      WHEN (
        "_ps_p_68" - FLOOR("_ps_p_68")
      ) > CAST('0.5' AS DOUBLE PRECISION)
      OR (
        (
          "_ps_p_68" - FLOOR("_ps_p_68")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_69" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN FLOOR("_ps_p_68") + CAST(1 AS DOUBLE PRECISION)
      WHEN (
        (
          "_ps_p_68" - FLOOR("_ps_p_68")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_69" = CAST(0 AS DOUBLE PRECISION)
      )
      AND FLOOR("_ps_p_68") % CAST(2 AS DOUBLE PRECISION) <> CAST(0 AS DOUBLE PRECISION)
      THEN FLOOR("_ps_p_68") + CAST(1 AS DOUBLE PRECISION)
      ELSE FLOOR("_ps_p_68")
    END AS "_ps_digits_70"
  FROM _ps_layer_11
), _ps_layer_13 AS (
  SELECT
    *,
    CASE
      WHEN (
        "_ps_p_16" - FLOOR("_ps_p_16")
      ) > CAST('0.5' AS DOUBLE PRECISION)
      OR (
        (
          "_ps_p_16" - FLOOR("_ps_p_16")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_17" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN FLOOR("_ps_p_16") + CAST(1 AS DOUBLE PRECISION)
      WHEN (
        (
          "_ps_p_16" - FLOOR("_ps_p_16")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_17" = CAST(0 AS DOUBLE PRECISION)
      )
      AND FLOOR("_ps_p_16") % CAST(2 AS DOUBLE PRECISION) <> CAST(0 AS DOUBLE PRECISION)
      THEN FLOOR("_ps_p_16") + CAST(1 AS DOUBLE PRECISION)
      ELSE FLOOR("_ps_p_16")
    END AS "_ps_digits_18",
    CASE
      WHEN (
        "_ps_p_28" - FLOOR("_ps_p_28")
      ) > CAST('0.5' AS DOUBLE PRECISION)
      OR (
        (
          "_ps_p_28" - FLOOR("_ps_p_28")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_29" > CAST(0 AS DOUBLE PRECISION)
      )
      THEN FLOOR("_ps_p_28") + CAST(1 AS DOUBLE PRECISION)
      WHEN (
        (
          "_ps_p_28" - FLOOR("_ps_p_28")
        ) = CAST('0.5' AS DOUBLE PRECISION)
        AND "_ps_e_29" = CAST(0 AS DOUBLE PRECISION)
      )
      AND FLOOR("_ps_p_28") % CAST(2 AS DOUBLE PRECISION) <> CAST(0 AS DOUBLE PRECISION)
      THEN FLOOR("_ps_p_28") + CAST(1 AS DOUBLE PRECISION)
      ELSE FLOOR("_ps_p_28")
    END AS "_ps_digits_30",
    CASE
      WHEN "_ps_x_38" IS NULL
      THEN CAST(0 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_units_47" > CAST(0 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_x_38" < CAST(0 AS DOUBLE PRECISION)
          THEN -"_ps_units_47"
          ELSE "_ps_units_47"
        END
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    END AS "_ps_units3_48",
    CASE
      WHEN "_ps_x_50" IS NULL
      THEN CAST(50 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_units_59" > CAST(0 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_x_50" < CAST(0 AS DOUBLE PRECISION)
          THEN -"_ps_units_59"
          ELSE "_ps_units_59"
        END
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    END AS "_ps_units4_60",
    CASE
      WHEN "_ps_plain_65"
      THEN FLOOR("_ps_scaled_64" + CAST('0.5' AS DOUBLE PRECISION))
      ELSE CASE
        WHEN (
          "_ps_pow_67"
        ) IS NULL
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CASE
          WHEN "_ps_pow_67" = CAST(10000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_70" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_70" + CAST(500000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_70" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_70" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_67" = CAST(100000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_70" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_70" + CAST(5000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_70" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_70" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_67" = CAST(1000000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_70" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_70" + CAST(50000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_70" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_70" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_67" = CAST('1e+16' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_70" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_70" + CAST(500000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_70" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_70" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            )
          END
        END
      END
    END AS "_ps_units_71"
  FROM _ps_layer_12
), _ps_layer_14 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_plain_13"
      THEN FLOOR("_ps_scaled_12" + CAST('0.5' AS DOUBLE PRECISION))
      ELSE CASE
        WHEN (
          "_ps_pow_15"
        ) IS NULL
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CASE
          WHEN "_ps_pow_15" = CAST(1000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_18" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_18" + CAST(50000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_18" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_18" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_15" = CAST(10000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_18" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_18" + CAST(500000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_18" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_18" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_15" = CAST(100000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_18" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_18" + CAST(5000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_18" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_18" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_15" = CAST(1000000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_18" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_18" + CAST(50000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_18" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_18" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_15" = CAST('1e+16' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_18" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_18" + CAST(500000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_18" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_18" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            )
          END
        END
      END
    END AS "_ps_units_19",
    CASE
      WHEN "_ps_plain_25"
      THEN FLOOR("_ps_scaled_24" + CAST('0.5' AS DOUBLE PRECISION))
      ELSE CASE
        WHEN (
          "_ps_pow_27"
        ) IS NULL
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE CASE
          WHEN "_ps_pow_27" = CAST(1000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_30" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_30" + CAST(50000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_30" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_30" + CAST(50000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_27" = CAST(10000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_30" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_30" + CAST(500000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_30" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_30" + CAST(500000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_27" = CAST(100000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_30" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) * CAST(10000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_30" + CAST(5000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_30" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_30" + CAST(5000000000000 AS DOUBLE PRECISION)
              ) / CAST(10000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_27" = CAST(1000000000000000 AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_30" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) * CAST(100000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_30" + CAST(50000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_30" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_30" + CAST(50000000000000 AS DOUBLE PRECISION)
              ) / CAST(100000000000000 AS DOUBLE PRECISION)
            )
          END
          WHEN "_ps_pow_27" = CAST('1e+16' AS DOUBLE PRECISION)
          THEN CASE
            WHEN FLOOR(
              (
                "_ps_digits_30" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) * CAST(1000000000000000 AS DOUBLE PRECISION) > (
              "_ps_digits_30" + CAST(500000000000000 AS DOUBLE PRECISION)
            )
            THEN FLOOR(
              (
                "_ps_digits_30" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            ) - CAST(1 AS DOUBLE PRECISION)
            ELSE FLOOR(
              (
                "_ps_digits_30" + CAST(500000000000000 AS DOUBLE PRECISION)
              ) / CAST(1000000000000000 AS DOUBLE PRECISION)
            )
          END
        END
      END
    END AS "_ps_units_31",
    CASE
      WHEN "_ps_x_62" IS NULL
      THEN CAST(0 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_units_71" > CAST(0 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_x_62" < CAST(0 AS DOUBLE PRECISION)
          THEN -"_ps_units_71"
          ELSE "_ps_units_71"
        END
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    END AS "_ps_units5_72"
  FROM _ps_layer_13
), _ps_layer_15 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_x_10" IS NULL
      THEN CAST(0 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_units_19" > CAST(0 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_x_10" < CAST(0 AS DOUBLE PRECISION)
          THEN -"_ps_units_19"
          ELSE "_ps_units_19"
        END
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    END AS "_ps_units0_20",
    CASE
      WHEN "_ps_x_22" IS NULL
      THEN CAST(50 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_units_31" > CAST(0 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_x_22" < CAST(0 AS DOUBLE PRECISION)
          THEN -"_ps_units_31"
          ELSE "_ps_units_31"
        END
        ELSE CAST(0 AS DOUBLE PRECISION)
      END
    END AS "_ps_units1_32"
  FROM _ps_layer_14
), _ps_layer_16 AS (
  SELECT
    *,
    CAST(0 AS DOUBLE PRECISION) + "_ps_units0_20" + "_ps_units1_32" + "_ps_units2_36" + "_ps_units3_48" + "_ps_units4_60" + "_ps_units5_72" AS "_ps_factor_units_77",
    CASE
      WHEN (
        CAST(300 AS DOUBLE PRECISION) - "_ps_units0_20"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(300 AS DOUBLE PRECISION) - "_ps_units0_20"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(15 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost0_81",
    CASE
      WHEN (
        CAST(250 AS DOUBLE PRECISION) - "_ps_units1_32"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(250 AS DOUBLE PRECISION) - "_ps_units1_32"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(14 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost1_82",
    CASE
      WHEN (
        CAST(200 AS DOUBLE PRECISION) - "_ps_units2_36"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(200 AS DOUBLE PRECISION) - "_ps_units2_36"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(13 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost2_83",
    CASE
      WHEN (
        CAST(100 AS DOUBLE PRECISION) - "_ps_units3_48"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(100 AS DOUBLE PRECISION) - "_ps_units3_48"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(12 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost3_84",
    CASE
      WHEN (
        CAST(100 AS DOUBLE PRECISION) - "_ps_units4_60"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(100 AS DOUBLE PRECISION) - "_ps_units4_60"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(11 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost4_85",
    CASE
      WHEN (
        CAST(50 AS DOUBLE PRECISION) - "_ps_units5_72"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        CAST(50 AS DOUBLE PRECISION) - "_ps_units5_72"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(9 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost5_86",
    CASE
      WHEN (
        "_ps_same_116"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        "_ps_same_116"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(8 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost6_87",
    CASE
      WHEN (
        "_ps_same_117"
      ) > CAST(0 AS DOUBLE PRECISION)
      THEN (
        "_ps_same_117"
      ) * CAST(16 AS DOUBLE PRECISION) + CAST(10 AS DOUBLE PRECISION)
      ELSE CAST(-1 AS DOUBLE PRECISION)
    END AS "_ps_lost7_88"
  FROM _ps_layer_15
), _ps_layer_17 AS (
  SELECT
    *,
    "_ps_factor_units_77" + CASE
      WHEN "_ps_adj_73" IS TRUE
      THEN CAST(80 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END + CASE
      WHEN "_ps_adj_74" IS TRUE
      THEN CAST(-50 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END + CASE
      WHEN "_ps_adj_75" IS TRUE
      THEN CAST(20 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END + CASE
      WHEN "_ps_adj_76" IS TRUE
      THEN CAST(-100 AS DOUBLE PRECISION)
      ELSE CAST(0 AS DOUBLE PRECISION)
    END AS "_ps_raw_units_78",
    GREATEST(
      "_ps_lost0_81",
      "_ps_lost1_82",
      "_ps_lost2_83",
      "_ps_lost3_84",
      "_ps_lost4_85",
      "_ps_lost5_86",
      "_ps_lost6_87",
      "_ps_lost7_88"
    ) AS "_ps_top0_89"
  FROM _ps_layer_16
), _ps_layer_18 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_raw_units_78" > CAST(1000 AS DOUBLE PRECISION)
      THEN CAST(1000 AS DOUBLE PRECISION)
      ELSE CASE
        WHEN "_ps_raw_units_78" < CAST(0 AS DOUBLE PRECISION)
        THEN CAST(0 AS DOUBLE PRECISION)
        ELSE "_ps_raw_units_78"
      END
    END AS "_ps_total_79",
    GREATEST(
      CASE
        WHEN "_ps_lost0_81" < "_ps_top0_89"
        THEN "_ps_lost0_81"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost1_82" < "_ps_top0_89"
        THEN "_ps_lost1_82"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost2_83" < "_ps_top0_89"
        THEN "_ps_lost2_83"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost3_84" < "_ps_top0_89"
        THEN "_ps_lost3_84"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost4_85" < "_ps_top0_89"
        THEN "_ps_lost4_85"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost5_86" < "_ps_top0_89"
        THEN "_ps_lost5_86"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost6_87" < "_ps_top0_89"
        THEN "_ps_lost6_87"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost7_88" < "_ps_top0_89"
        THEN "_ps_lost7_88"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END
    ) AS "_ps_top1_90"
  FROM _ps_layer_17
), _ps_layer_19 AS (
  SELECT
    *,
    CASE
      WHEN "_ps_total_79" >= CAST(600 AS DOUBLE PRECISION)
      THEN 'cornerstone'
      WHEN "_ps_total_79" >= CAST(450 AS DOUBLE PRECISION)
      THEN 'valued'
      WHEN "_ps_total_79" >= CAST(300 AS DOUBLE PRECISION)
      THEN 'developing'
      WHEN "_ps_total_79" >= CAST(0 AS DOUBLE PRECISION)
      THEN 'peripheral'
      ELSE CAST(NULL AS VARCHAR)
    END AS "_ps_tier_80",
    GREATEST(
      CASE
        WHEN "_ps_lost0_81" < "_ps_top1_90"
        THEN "_ps_lost0_81"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost1_82" < "_ps_top1_90"
        THEN "_ps_lost1_82"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost2_83" < "_ps_top1_90"
        THEN "_ps_lost2_83"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost3_84" < "_ps_top1_90"
        THEN "_ps_lost3_84"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost4_85" < "_ps_top1_90"
        THEN "_ps_lost4_85"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost5_86" < "_ps_top1_90"
        THEN "_ps_lost5_86"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost6_87" < "_ps_top1_90"
        THEN "_ps_lost6_87"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost7_88" < "_ps_top1_90"
        THEN "_ps_lost7_88"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END
    ) AS "_ps_top2_91"
  FROM _ps_layer_18
), _ps_layer_20 AS (
  SELECT
    *,
    GREATEST(
      CASE
        WHEN "_ps_lost0_81" < "_ps_top2_91"
        THEN "_ps_lost0_81"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost1_82" < "_ps_top2_91"
        THEN "_ps_lost1_82"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost2_83" < "_ps_top2_91"
        THEN "_ps_lost2_83"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost3_84" < "_ps_top2_91"
        THEN "_ps_lost3_84"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost4_85" < "_ps_top2_91"
        THEN "_ps_lost4_85"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost5_86" < "_ps_top2_91"
        THEN "_ps_lost5_86"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost6_87" < "_ps_top2_91"
        THEN "_ps_lost6_87"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END,
      CASE
        WHEN "_ps_lost7_88" < "_ps_top2_91"
        THEN "_ps_lost7_88"
        ELSE CAST(-1 AS DOUBLE PRECISION)
      END
    ) AS "_ps_top3_92"
  FROM _ps_layer_19
), _ps_layer_21 AS (
  SELECT
    *,
    ARRAY_CAT(CASE
      WHEN "_ps_top0_89" >= CAST(16 AS DOUBLE PRECISION)
      THEN CASE
        WHEN "_ps_top0_89" = "_ps_lost0_81"
        THEN ARRAY['lifetime_value']
        WHEN "_ps_top0_89" = "_ps_lost1_82"
        THEN ARRAY['feedback_value']
        WHEN "_ps_top0_89" = "_ps_lost2_83"
        THEN ARRAY['engagement']
        WHEN "_ps_top0_89" = "_ps_lost3_84"
        THEN ARRAY['innovation_partnership']
        WHEN "_ps_top0_89" = "_ps_lost4_85"
        THEN ARRAY['satisfaction']
        WHEN "_ps_top0_89" = "_ps_lost5_86"
        THEN ARRAY['longevity']
        WHEN "_ps_top0_89" = "_ps_lost6_87"
        THEN ARRAY['big_but_silent']
        WHEN "_ps_top0_89" = "_ps_lost7_88"
        THEN ARRAY['churned_recently']
        ELSE CAST(ARRAY[] AS VARCHAR[])
      END
      ELSE CAST(ARRAY[] AS VARCHAR[])
    END, ARRAY_CAT(CASE
      WHEN "_ps_top1_90" >= CAST(16 AS DOUBLE PRECISION)
      THEN CASE
        WHEN "_ps_top1_90" = "_ps_lost0_81"
        THEN ARRAY['lifetime_value']
        WHEN "_ps_top1_90" = "_ps_lost1_82"
        THEN ARRAY['feedback_value']
        WHEN "_ps_top1_90" = "_ps_lost2_83"
        THEN ARRAY['engagement']
        WHEN "_ps_top1_90" = "_ps_lost3_84"
        THEN ARRAY['innovation_partnership']
        WHEN "_ps_top1_90" = "_ps_lost4_85"
        THEN ARRAY['satisfaction']
        WHEN "_ps_top1_90" = "_ps_lost5_86"
        THEN ARRAY['longevity']
        WHEN "_ps_top1_90" = "_ps_lost6_87"
        THEN ARRAY['big_but_silent']
        WHEN "_ps_top1_90" = "_ps_lost7_88"
        THEN ARRAY['churned_recently']
        ELSE CAST(ARRAY[] AS VARCHAR[])
      END
      ELSE CAST(ARRAY[] AS VARCHAR[])
    END, ARRAY_CAT(
      CASE
        WHEN "_ps_top2_91" >= CAST(16 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_top2_91" = "_ps_lost0_81"
          THEN ARRAY['lifetime_value']
          WHEN "_ps_top2_91" = "_ps_lost1_82"
          THEN ARRAY['feedback_value']
          WHEN "_ps_top2_91" = "_ps_lost2_83"
          THEN ARRAY['engagement']
          WHEN "_ps_top2_91" = "_ps_lost3_84"
          THEN ARRAY['innovation_partnership']
          WHEN "_ps_top2_91" = "_ps_lost4_85"
          THEN ARRAY['satisfaction']
          WHEN "_ps_top2_91" = "_ps_lost5_86"
          THEN ARRAY['longevity']
          WHEN "_ps_top2_91" = "_ps_lost6_87"
          THEN ARRAY['big_but_silent']
          WHEN "_ps_top2_91" = "_ps_lost7_88"
          THEN ARRAY['churned_recently']
          ELSE CAST(ARRAY[] AS VARCHAR[])
        END
        ELSE CAST(ARRAY[] AS VARCHAR[])
      END,
      CASE
        WHEN "_ps_top3_92" >= CAST(16 AS DOUBLE PRECISION)
        THEN CASE
          WHEN "_ps_top3_92" = "_ps_lost0_81"
          THEN ARRAY['lifetime_value']
          WHEN "_ps_top3_92" = "_ps_lost1_82"
          THEN ARRAY['feedback_value']
          WHEN "_ps_top3_92" = "_ps_lost2_83"
          THEN ARRAY['engagement']
          WHEN "_ps_top3_92" = "_ps_lost3_84"
          THEN ARRAY['innovation_partnership']
          WHEN "_ps_top3_92" = "_ps_lost4_85"
          THEN ARRAY['satisfaction']
          WHEN "_ps_top3_92" = "_ps_lost5_86"
          THEN ARRAY['longevity']
          WHEN "_ps_top3_92" = "_ps_lost6_87"
          THEN ARRAY['big_but_silent']
          WHEN "_ps_top3_92" = "_ps_lost7_88"
          THEN ARRAY['churned_recently']
          ELSE CAST(ARRAY[] AS VARCHAR[])
        END
        ELSE CAST(ARRAY[] AS VARCHAR[])
      END
    ))) AS "_ps_reasons_93"
  FROM _ps_layer_20
)
SELECT
  "_ps_id" AS "id",
  CASE WHEN NOT "_ps_fallback_94" THEN "_ps_eligible" ELSE NULL END AS "eligible",
  CASE
    WHEN NOT "_ps_fallback_94" AND "_ps_eligible"
    THEN "_ps_total_79" / CAST(10 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "score",
  CASE WHEN NOT "_ps_fallback_94" AND "_ps_eligible" THEN "_ps_tier_80" ELSE NULL END AS "tier",
  CASE
    WHEN NOT "_ps_fallback_94" AND "_ps_eligible"
    THEN "_ps_units0_20" / CAST(10 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_lifetime_value",
  CASE
    WHEN NOT "_ps_fallback_94" AND "_ps_eligible"
    THEN "_ps_units1_32" / CAST(10 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_feedback_value",
  CASE
    WHEN NOT "_ps_fallback_94" AND "_ps_eligible"
    THEN "_ps_units2_36" / CAST(10 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_engagement",
  CASE
    WHEN NOT "_ps_fallback_94" AND "_ps_eligible"
    THEN "_ps_units3_48" / CAST(10 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_innovation_partnership",
  CASE
    WHEN NOT "_ps_fallback_94" AND "_ps_eligible"
    THEN "_ps_units4_60" / CAST(10 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_satisfaction",
  CASE
    WHEN NOT "_ps_fallback_94" AND "_ps_eligible"
    THEN "_ps_units5_72" / CAST(10 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "points_longevity",
  CASE
    WHEN NOT "_ps_fallback_94" AND "_ps_eligible"
    THEN (
      "_ps_raw_units_78" - "_ps_factor_units_77"
    ) / CAST(10 AS DOUBLE PRECISION)
    ELSE NULL
  END AS "adjustment_points",
  CASE
    WHEN NOT "_ps_fallback_94"
    THEN ARRAY_CAT(
      CASE
        WHEN "_ps_filter_7" IS TRUE
        THEN CAST(ARRAY[] AS VARCHAR[])
        ELSE ARRAY['current_or_recent']
      END,
      CASE
        WHEN "_ps_filter_8" IS TRUE
        THEN CAST(ARRAY[] AS VARCHAR[])
        ELSE ARRAY['real_customer']
      END
    )
    ELSE NULL
  END AS "failed_filters",
  CASE
    WHEN NOT "_ps_fallback_94" AND "_ps_eligible"
    THEN "_ps_reasons_93"
    WHEN NOT "_ps_fallback_94"
    THEN ARRAY_CAT(
      CASE
        WHEN "_ps_filter_7" IS TRUE
        THEN CAST(ARRAY[] AS VARCHAR[])
        ELSE ARRAY['current_or_recent']
      END,
      CASE
        WHEN "_ps_filter_8" IS TRUE
        THEN CAST(ARRAY[] AS VARCHAR[])
        ELSE ARRAY['real_customer']
      END
    )
    ELSE NULL
  END AS "reasons"
FROM _ps_layer_21

-- policyscore: policy balanced-portfolio version 1 (sha256 77c0ce5919be)
-- as of 2026-11-01: the evaluation date is written into the query
-- reads the table crm.customers; one row per record: id, eligible, score, tier, points_lifetime_value, points_feedback_value, points_engagement, points_innovation_partnership, points_satisfaction, points_longevity, adjustment_points, failed_filters, reasons
WITH _ps_layer_0 AS (
  SELECT
    `_ps_in`.`id` AS `_ps_id`,
    CAST(`_ps_in`.`active_users_30d` AS FLOAT64) AS `active_users_30d`,
    `_ps_in`.`beta_participant` AS `beta_participant`,
    CAST(`_ps_in`.`churned_on` AS DATE) AS `churned_on`,
    `_ps_in`.`company_size` AS `company_size`,
    CAST(`_ps_in`.`feature_requests_adopted` AS FLOAT64) AS `feature_requests_adopted`,
    CAST(`_ps_in`.`feature_requests_submitted` AS FLOAT64) AS `feature_requests_submitted`,
    CAST(`_ps_in`.`feedback_sessions` AS FLOAT64) AS `feedback_sessions`,
    `_ps_in`.`innovation_partner` AS `innovation_partner`,
    CAST(`_ps_in`.`lifetime_value` AS FLOAT64) AS `lifetime_value`,
    CAST(`_ps_in`.`nps_score` AS FLOAT64) AS `nps_score`,
    CAST(`_ps_in`.`seats_purchased` AS FLOAT64) AS `seats_purchased`,
    CAST(`_ps_in`.`signup_date` AS DATE) AS `signup_date`,
    `_ps_in`.`status` AS `status`,
    CAST(`_ps_in`.`support_tickets` AS FLOAT64) AS `support_tickets`,
    `_ps_in`.`tags` AS `tags`,
    CAST(`_ps_in`.`total_spend` AS FLOAT64) AS `total_spend`
  FROM crm.customers AS _ps_in
), _ps_layer_1 AS (
  SELECT
    *,
    CASE
      WHEN (
        `company_size`
      ) IS NULL
      THEN NULL
      ELSE (
        `company_size`
      ) IN ('micro', 'small')
    END AS `_ps_let_1`,
    CASE
      WHEN (
        365e0
      ) = 0e0
      THEN NULL
      ELSE (
        CAST(DATE_DIFF(CAST('2026-11-01' AS DATE), `signup_date`, DAY) AS FLOAT64)
      ) / (
        365e0
      )
    END AS `_ps_let_2`,
    CASE
      WHEN (
        (
          COALESCE(`lifetime_value`, 0e0)
        ) IS NULL
      )
      OR (
        (
          `total_spend`
        ) IS NULL
      )
      THEN NULL
      ELSE GREATEST(COALESCE(`lifetime_value`, 0e0), `total_spend`)
    END AS `_ps_let_3`,
    CASE
      WHEN (
        `feature_requests_submitted`
      ) = 0e0
      THEN NULL
      ELSE (
        `feature_requests_adopted`
      ) / (
        `feature_requests_submitted`
      )
    END AS `_ps_let_5`,
    CASE
      WHEN (
        `seats_purchased`
      ) = 0e0
      THEN NULL
      ELSE (
        `active_users_30d`
      ) / (
        `seats_purchased`
      )
    END AS `_ps_let_6`,
    (
      (
        (
          `status`
        ) <> (
          'churned'
        )
      )
      OR (
        (
          CAST(DATE_DIFF(CAST('2026-11-01' AS DATE), `churned_on`, DAY) AS FLOAT64)
        ) <= (
          365e0
        )
      )
    ) AS `_ps_filter_7`,
    NOT (
      CASE
        WHEN (
          (
            'test_account'
          ) IS NULL
        ) OR (
          (
            `tags`
          ) IS NULL
        )
        THEN NULL
        ELSE COALESCE(
          EXISTS(
            SELECT
              1
            FROM UNNEST(`tags`) AS _col
            WHERE
              _col = 'test_account'
          ),
          FALSE
        )
      END
    ) AS `_ps_filter_8`,
    CASE
      WHEN (
        `innovation_partner`
      ) IS TRUE
      THEN 1e0
      WHEN (
        `innovation_partner`
      ) IS FALSE
      THEN CASE
        WHEN (
          `beta_participant`
        ) IS TRUE
        THEN 0.6e0
        WHEN (
          `beta_participant`
        ) IS FALSE
        THEN 0e0
        ELSE NULL
      END
      ELSE NULL
    END AS `_ps_raw_31`,
    CASE
      WHEN (
        `nps_score`
      ) IS NULL
      THEN NULL
      ELSE CASE
        WHEN (
          5e0
        ) = (
          10e0
        )
        THEN CASE WHEN (
          `nps_score`
        ) >= (
          10e0
        ) THEN 1.0e0 ELSE 0.0e0 END
        ELSE CASE
          WHEN (
            (
              `nps_score` - 5e0
            ) / (
              10e0 - 5e0
            )
          ) < (
            0e0
          )
          THEN 0.0e0
          WHEN (
            (
              `nps_score` - 5e0
            ) / (
              10e0 - 5e0
            )
          ) > (
            1e0
          )
          THEN 1.0e0
          ELSE (
            `nps_score` - 5e0
          ) / (
            10e0 - 5e0
          )
        END
      END
    END AS `_ps_raw_40`,
    CASE
      WHEN (
        (
          'case_study'
        ) IS NULL
      ) OR (
        (
          `tags`
        ) IS NULL
      )
      THEN NULL
      ELSE COALESCE(
        EXISTS(
          SELECT
            1
          FROM UNNEST(`tags`) AS _col
          WHERE
            _col = 'case_study'
        ),
        FALSE
      )
    END AS `_ps_adj_60`,
    (
      `status`
    ) = (
      'churned'
    ) AS `_ps_adj_61`
  FROM _ps_layer_0
), _ps_layer_2 AS (
  SELECT
    *,
    CASE
      WHEN (
        `_ps_let_2`
      ) = 0e0
      THEN NULL
      ELSE (
        (
          `feedback_sessions`
        ) + (
          (
            2e0
          ) * (
            `feature_requests_adopted`
          )
        )
      ) / (
        `_ps_let_2`
      )
    END AS `_ps_let_4`,
    `_ps_filter_7` IS TRUE AND `_ps_filter_8` IS TRUE AS `_ps_eligible`,
    CASE
      WHEN (
        `_ps_let_1`
      ) IS TRUE
      THEN CASE
        WHEN (
          CASE
            WHEN CASE
              WHEN (
                IS_NAN(`_ps_let_3`)
              ) OR (
                IS_NAN(0e0)
              )
              THEN FALSE
              ELSE (
                `_ps_let_3`
              ) < (
                0e0
              )
            END
            THEN NULL
            ELSE SQRT(`_ps_let_3`)
          END
        ) IS NULL
        THEN NULL
        ELSE CASE
          WHEN CASE
            WHEN (
              IS_NAN(0e0)
            ) OR (
              IS_NAN(223.60679774997897e0)
            )
            THEN FALSE
            ELSE (
              0e0
            ) = (
              223.60679774997897e0
            )
          END
          THEN CASE
            WHEN CASE
              WHEN (
                IS_NAN(
                  CASE
                    WHEN CASE
                      WHEN (
                        IS_NAN(`_ps_let_3`)
                      ) OR (
                        IS_NAN(0e0)
                      )
                      THEN FALSE
                      ELSE (
                        `_ps_let_3`
                      ) < (
                        0e0
                      )
                    END
                    THEN NULL
                    ELSE SQRT(`_ps_let_3`)
                  END
                )
              )
              OR (
                IS_NAN(223.60679774997897e0)
              )
              THEN FALSE
              ELSE (
                CASE
                  WHEN CASE
                    WHEN (
                      IS_NAN(`_ps_let_3`)
                    ) OR (
                      IS_NAN(0e0)
                    )
                    THEN FALSE
                    ELSE (
                      `_ps_let_3`
                    ) < (
                      0e0
                    )
                  END
                  THEN NULL
                  ELSE SQRT(`_ps_let_3`)
                END
              ) >= (
                223.60679774997897e0
              )
            END
            THEN 1.0e0
            ELSE 0.0e0
          END
          ELSE CASE
            WHEN CASE
              WHEN (
                IS_NAN(
                  (
                    CASE
                      WHEN CASE
                        WHEN (
                          IS_NAN(`_ps_let_3`)
                        ) OR (
                          IS_NAN(0e0)
                        )
                        THEN FALSE
                        ELSE (
                          `_ps_let_3`
                        ) < (
                          0e0
                        )
                      END
                      THEN NULL
                      ELSE SQRT(`_ps_let_3`)
                    END - 0e0
                  ) / (
                    223.60679774997897e0 - 0e0
                  )
                )
              )
              OR (
                IS_NAN(0e0)
              )
              THEN FALSE
              ELSE (
                (
                  CASE
                    WHEN CASE
                      WHEN (
                        IS_NAN(`_ps_let_3`)
                      ) OR (
                        IS_NAN(0e0)
                      )
                      THEN FALSE
                      ELSE (
                        `_ps_let_3`
                      ) < (
                        0e0
                      )
                    END
                    THEN NULL
                    ELSE SQRT(`_ps_let_3`)
                  END - 0e0
                ) / (
                  223.60679774997897e0 - 0e0
                )
              ) < (
                0e0
              )
            END
            THEN 0.0e0
            WHEN CASE
              WHEN (
                IS_NAN(
                  (
                    CASE
                      WHEN CASE
                        WHEN (
                          IS_NAN(`_ps_let_3`)
                        ) OR (
                          IS_NAN(0e0)
                        )
                        THEN FALSE
                        ELSE (
                          `_ps_let_3`
                        ) < (
                          0e0
                        )
                      END
                      THEN NULL
                      ELSE SQRT(`_ps_let_3`)
                    END - 0e0
                  ) / (
                    223.60679774997897e0 - 0e0
                  )
                )
              )
              OR (
                IS_NAN(1e0)
              )
              THEN FALSE
              ELSE (
                (
                  CASE
                    WHEN CASE
                      WHEN (
                        IS_NAN(`_ps_let_3`)
                      ) OR (
                        IS_NAN(0e0)
                      )
                      THEN FALSE
                      ELSE (
                        `_ps_let_3`
                      ) < (
                        0e0
                      )
                    END
                    THEN NULL
                    ELSE SQRT(`_ps_let_3`)
                  END - 0e0
                ) / (
                  223.60679774997897e0 - 0e0
                )
              ) > (
                1e0
              )
            END
            THEN 1.0e0
            ELSE (
              CASE
                WHEN CASE
                  WHEN (
                    IS_NAN(`_ps_let_3`)
                  ) OR (
                    IS_NAN(0e0)
                  )
                  THEN FALSE
                  ELSE (
                    `_ps_let_3`
                  ) < (
                    0e0
                  )
                END
                THEN NULL
                ELSE SQRT(`_ps_let_3`)
              END - 0e0
            ) / (
              223.60679774997897e0 - 0e0
            )
          END
        END
      END
      WHEN (
        `_ps_let_1`
      ) IS FALSE
      THEN CASE
        WHEN (
          CASE
            WHEN CASE
              WHEN (
                IS_NAN(`_ps_let_3`)
              ) OR (
                IS_NAN(0e0)
              )
              THEN FALSE
              ELSE (
                `_ps_let_3`
              ) < (
                0e0
              )
            END
            THEN NULL
            ELSE SQRT(`_ps_let_3`)
          END
        ) IS NULL
        THEN NULL
        ELSE CASE
          WHEN CASE
            WHEN (
              IS_NAN(0e0)
            ) OR (
              IS_NAN(866.0254037844386e0)
            )
            THEN FALSE
            ELSE (
              0e0
            ) = (
              866.0254037844386e0
            )
          END
          THEN CASE
            WHEN CASE
              WHEN (
                IS_NAN(
                  CASE
                    WHEN CASE
                      WHEN (
                        IS_NAN(`_ps_let_3`)
                      ) OR (
                        IS_NAN(0e0)
                      )
                      THEN FALSE
                      ELSE (
                        `_ps_let_3`
                      ) < (
                        0e0
                      )
                    END
                    THEN NULL
                    ELSE SQRT(`_ps_let_3`)
                  END
                )
              )
              OR (
                IS_NAN(866.0254037844386e0)
              )
              THEN FALSE
              ELSE (
                CASE
                  WHEN CASE
                    WHEN (
                      IS_NAN(`_ps_let_3`)
                    ) OR (
                      IS_NAN(0e0)
                    )
                    THEN FALSE
                    ELSE (
                      `_ps_let_3`
                    ) < (
                      0e0
                    )
                  END
                  THEN NULL
                  ELSE SQRT(`_ps_let_3`)
                END
              ) >= (
                866.0254037844386e0
              )
            END
            THEN 1.0e0
            ELSE 0.0e0
          END
          ELSE CASE
            WHEN CASE
              WHEN (
                IS_NAN(
                  (
                    CASE
                      WHEN CASE
                        WHEN (
                          IS_NAN(`_ps_let_3`)
                        ) OR (
                          IS_NAN(0e0)
                        )
                        THEN FALSE
                        ELSE (
                          `_ps_let_3`
                        ) < (
                          0e0
                        )
                      END
                      THEN NULL
                      ELSE SQRT(`_ps_let_3`)
                    END - 0e0
                  ) / (
                    866.0254037844386e0 - 0e0
                  )
                )
              )
              OR (
                IS_NAN(0e0)
              )
              THEN FALSE
              ELSE (
                (
                  CASE
                    WHEN CASE
                      WHEN (
                        IS_NAN(`_ps_let_3`)
                      ) OR (
                        IS_NAN(0e0)
                      )
                      THEN FALSE
                      ELSE (
                        `_ps_let_3`
                      ) < (
                        0e0
                      )
                    END
                    THEN NULL
                    ELSE SQRT(`_ps_let_3`)
                  END - 0e0
                ) / (
                  866.0254037844386e0 - 0e0
                )
              ) < (
                0e0
              )
            END
            THEN 0.0e0
            WHEN CASE
              WHEN (
                IS_NAN(
                  (
                    CASE
                      WHEN CASE
                        WHEN (
                          IS_NAN(`_ps_let_3`)
                        ) OR (
                          IS_NAN(0e0)
                        )
                        THEN FALSE
                        ELSE (
                          `_ps_let_3`
                        ) < (
                          0e0
                        )
                      END
                      THEN NULL
                      ELSE SQRT(`_ps_let_3`)
                    END - 0e0
                  ) / (
                    866.0254037844386e0 - 0e0
                  )
                )
              )
              OR (
                IS_NAN(1e0)
              )
              THEN FALSE
              ELSE (
                (
                  CASE
                    WHEN CASE
                      WHEN (
                        IS_NAN(`_ps_let_3`)
                      ) OR (
                        IS_NAN(0e0)
                      )
                      THEN FALSE
                      ELSE (
                        `_ps_let_3`
                      ) < (
                        0e0
                      )
                    END
                    THEN NULL
                    ELSE SQRT(`_ps_let_3`)
                  END - 0e0
                ) / (
                  866.0254037844386e0 - 0e0
                )
              ) > (
                1e0
              )
            END
            THEN 1.0e0
            ELSE (
              CASE
                WHEN CASE
                  WHEN (
                    IS_NAN(`_ps_let_3`)
                  ) OR (
                    IS_NAN(0e0)
                  )
                  THEN FALSE
                  ELSE (
                    `_ps_let_3`
                  ) < (
                    0e0
                  )
                END
                THEN NULL
                ELSE SQRT(`_ps_let_3`)
              END - 0e0
            ) / (
              866.0254037844386e0 - 0e0
            )
          END
        END
      END
      ELSE NULL
    END AS `_ps_raw_9`,
    CASE
      WHEN (
        IS_NAN(`_ps_let_6`)
      ) OR (
        IS_NAN(0.8e0)
      )
      THEN FALSE
      ELSE (
        `_ps_let_6`
      ) >= (
        0.8e0
      )
    END AS `_ps_band_27`,
    CASE
      WHEN (
        IS_NAN(`_ps_let_6`)
      ) OR (
        IS_NAN(0.5e0)
      )
      THEN FALSE
      ELSE (
        `_ps_let_6`
      ) >= (
        0.5e0
      )
    END AS `_ps_band_28`,
    CASE
      WHEN (
        IS_NAN(`_ps_let_6`)
      ) OR (
        IS_NAN(0.2e0)
      )
      THEN FALSE
      ELSE (
        `_ps_let_6`
      ) >= (
        0.2e0
      )
    END AS `_ps_band_29`,
    CASE
      WHEN (
        `_ps_raw_31` - `_ps_raw_31`
      ) = 0e0
      THEN 10e0 * CASE
        WHEN `_ps_raw_31` < 0e0
        THEN 0e0
        WHEN `_ps_raw_31` > 1e0
        THEN 1e0
        ELSE `_ps_raw_31`
      END
      ELSE NULL
    END AS `_ps_x_32`,
    CASE
      WHEN (
        `_ps_raw_40` - `_ps_raw_40`
      ) = 0e0
      THEN 10e0 * CASE
        WHEN `_ps_raw_40` < 0e0
        THEN 0e0
        WHEN `_ps_raw_40` > 1e0
        THEN 1e0
        ELSE `_ps_raw_40`
      END
      ELSE NULL
    END AS `_ps_x_41`,
    CASE
      WHEN (
        0e0
      ) = (
        5e0
      )
      THEN CASE
        WHEN (
          CASE
            WHEN ABS(`_ps_let_2`) >= 4503599627370496.0e0
            THEN `_ps_let_2`
            ELSE CAST(FLOOR(`_ps_let_2`) AS FLOAT64)
          END
        ) >= (
          5e0
        )
        THEN 1.0e0
        ELSE 0.0e0
      END
      ELSE CASE
        WHEN (
          (
            CASE
              WHEN ABS(`_ps_let_2`) >= 4503599627370496.0e0
              THEN `_ps_let_2`
              ELSE CAST(FLOOR(`_ps_let_2`) AS FLOAT64)
            END - 0e0
          ) / (
            5e0 - 0e0
          )
        ) < (
          0e0
        )
        THEN 0.0e0
        WHEN (
          (
            CASE
              WHEN ABS(`_ps_let_2`) >= 4503599627370496.0e0
              THEN `_ps_let_2`
              ELSE CAST(FLOOR(`_ps_let_2`) AS FLOAT64)
            END - 0e0
          ) / (
            5e0 - 0e0
          )
        ) > (
          1e0
        )
        THEN 1.0e0
        ELSE (
          CASE
            WHEN ABS(`_ps_let_2`) >= 4503599627370496.0e0
            THEN `_ps_let_2`
            ELSE CAST(FLOOR(`_ps_let_2`) AS FLOAT64)
          END - 0e0
        ) / (
          5e0 - 0e0
        )
      END
    END AS `_ps_raw_49`,
    (
      (
        (
          (
            `_ps_let_1`
          ) AND (
            (
              `feedback_sessions`
            ) >= (
              4e0
            )
          )
        )
      )
      AND (
        (
          `feature_requests_adopted`
        ) >= (
          1e0
        )
      )
    ) AS `_ps_adj_58`,
    (
      (
        (
          (
            NOT (
              `_ps_let_1`
            )
          )
          AND (
            (
              `feedback_sessions`
            ) = (
              0e0
            )
          )
        )
      )
      AND (
        (
          `support_tickets`
        ) >= (
          25e0
        )
      )
    ) AS `_ps_adj_59`
  FROM _ps_layer_1
), _ps_layer_3 AS (
  SELECT
    *,
    CASE
      WHEN (
        `_ps_raw_9` - `_ps_raw_9`
      ) = 0e0
      THEN 30e0 * CASE
        WHEN `_ps_raw_9` < 0e0
        THEN 0e0
        WHEN `_ps_raw_9` > 1e0
        THEN 1e0
        ELSE `_ps_raw_9`
      END
      ELSE NULL
    END AS `_ps_x_10`,
    (
      (
        0.7e0
      ) * (
        CASE
          WHEN (
            `_ps_let_4`
          ) IS NULL
          THEN NULL
          ELSE CASE
            WHEN CASE
              WHEN (
                IS_NAN(0e0)
              ) OR (
                IS_NAN(8e0)
              )
              THEN FALSE
              ELSE (
                0e0
              ) = (
                8e0
              )
            END
            THEN CASE
              WHEN CASE
                WHEN (
                  IS_NAN(`_ps_let_4`)
                ) OR (
                  IS_NAN(8e0)
                )
                THEN FALSE
                ELSE (
                  `_ps_let_4`
                ) >= (
                  8e0
                )
              END
              THEN 1.0e0
              ELSE 0.0e0
            END
            ELSE CASE
              WHEN CASE
                WHEN (
                  IS_NAN((
                    `_ps_let_4` - 0e0
                  ) / (
                    8e0 - 0e0
                  ))
                )
                OR (
                  IS_NAN(0e0)
                )
                THEN FALSE
                ELSE (
                  (
                    `_ps_let_4` - 0e0
                  ) / (
                    8e0 - 0e0
                  )
                ) < (
                  0e0
                )
              END
              THEN 0.0e0
              WHEN CASE
                WHEN (
                  IS_NAN((
                    `_ps_let_4` - 0e0
                  ) / (
                    8e0 - 0e0
                  ))
                )
                OR (
                  IS_NAN(1e0)
                )
                THEN FALSE
                ELSE (
                  (
                    `_ps_let_4` - 0e0
                  ) / (
                    8e0 - 0e0
                  )
                ) > (
                  1e0
                )
              END
              THEN 1.0e0
              ELSE (
                `_ps_let_4` - 0e0
              ) / (
                8e0 - 0e0
              )
            END
          END
        END
      )
    ) + (
      (
        0.3e0
      ) * (
        COALESCE(`_ps_let_5`, 0e0)
      )
    ) AS `_ps_raw_18`,
    CASE
      WHEN `_ps_band_27` IS TRUE
      THEN 200e0
      WHEN `_ps_band_27` IS NULL
      THEN 50e0
      WHEN `_ps_band_28` IS TRUE
      THEN 120e0
      WHEN `_ps_band_28` IS NULL
      THEN 50e0
      WHEN `_ps_band_29` IS TRUE
      THEN 60e0
      WHEN `_ps_band_29` IS NULL
      THEN 50e0
      ELSE 0e0
    END AS `_ps_units2_30`,
    ABS(`_ps_x_32`) AS `_ps_abs_33`,
    ABS(`_ps_x_41`) AS `_ps_abs_42`,
    CASE
      WHEN (
        `_ps_raw_49` - `_ps_raw_49`
      ) = 0e0
      THEN 5e0 * CASE
        WHEN `_ps_raw_49` < 0e0
        THEN 0e0
        WHEN `_ps_raw_49` > 1e0
        THEN 1e0
        ELSE `_ps_raw_49`
      END
      ELSE NULL
    END AS `_ps_x_50`,
    (
      COALESCE(
        (
          (
            `_ps_eligible`
          )
          AND (
            NOT (
              (
                `_ps_let_2` - `_ps_let_2`
              ) = 0e0
            )
          )
        ),
        FALSE
      )
    )
    OR (
      `beta_participant` IS NULL
    )
    OR (
      `company_size` IS NULL
    )
    OR (
      `feature_requests_adopted` IS NULL
    )
    OR (
      `feature_requests_submitted` IS NULL
    )
    OR (
      `feedback_sessions` IS NULL
    )
    OR (
      `innovation_partner` IS NULL
    )
    OR (
      `seats_purchased` IS NULL
    )
    OR (
      `signup_date` IS NULL
    )
    OR (
      `status` IS NULL
    )
    OR (
      `support_tickets` IS NULL
    )
    OR (
      `tags` IS NULL
    )
    OR (
      `total_spend` IS NULL
    ) AS `_ps_fallback_75`
  FROM _ps_layer_2
), _ps_layer_4 AS (
  SELECT
    *,
    ABS(`_ps_x_10`) AS `_ps_abs_11`,
    CASE
      WHEN (
        `_ps_raw_18` - `_ps_raw_18`
      ) = 0e0
      THEN 25e0 * CASE
        WHEN `_ps_raw_18` < 0e0
        THEN 0e0
        WHEN `_ps_raw_18` > 1e0
        THEN 1e0
        ELSE `_ps_raw_18`
      END
      ELSE NULL
    END AS `_ps_x_19`,
    CASE
      WHEN `_ps_abs_33` >= 100.0e0
      THEN 1000000000000e0
      WHEN `_ps_abs_33` >= 10.0e0
      THEN 10000000000000e0
      WHEN `_ps_abs_33` >= 1.0e0
      THEN 100000000000000e0
      WHEN `_ps_abs_33` >= 0.1e0
      THEN 1000000000000000e0
      WHEN `_ps_abs_33` >= 0.01e0
      THEN 1e+16
    END AS `_ps_pow_34`,
    CASE
      WHEN `_ps_abs_42` >= 100.0e0
      THEN 1000000000000e0
      WHEN `_ps_abs_42` >= 10.0e0
      THEN 10000000000000e0
      WHEN `_ps_abs_42` >= 1.0e0
      THEN 100000000000000e0
      WHEN `_ps_abs_42` >= 0.1e0
      THEN 1000000000000000e0
      WHEN `_ps_abs_42` >= 0.01e0
      THEN 1e+16
    END AS `_ps_pow_43`,
    ABS(`_ps_x_50`) AS `_ps_abs_51`
  FROM _ps_layer_3
), _ps_layer_5 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_abs_11` >= 100.0e0
      THEN 1000000000000e0
      WHEN `_ps_abs_11` >= 10.0e0
      THEN 10000000000000e0
      WHEN `_ps_abs_11` >= 1.0e0
      THEN 100000000000000e0
      WHEN `_ps_abs_11` >= 0.1e0
      THEN 1000000000000000e0
      WHEN `_ps_abs_11` >= 0.01e0
      THEN 1e+16
    END AS `_ps_pow_12`,
    ABS(`_ps_x_19`) AS `_ps_abs_20`,
    `_ps_abs_33` * `_ps_pow_34` AS `_ps_p_35`,
    (
      (
        (
          134217729.0e0 * `_ps_abs_33` - (
            134217729.0e0 * `_ps_abs_33` - `_ps_abs_33`
          )
        ) * (
          134217729.0e0 * `_ps_pow_34` - (
            134217729.0e0 * `_ps_pow_34` - `_ps_pow_34`
          )
        ) - (
          `_ps_abs_33` * `_ps_pow_34`
        )
      ) + (
        134217729.0e0 * `_ps_abs_33` - (
          134217729.0e0 * `_ps_abs_33` - `_ps_abs_33`
        )
      ) * (
        `_ps_pow_34` - (
          134217729.0e0 * `_ps_pow_34` - (
            134217729.0e0 * `_ps_pow_34` - `_ps_pow_34`
          )
        )
      ) + (
        `_ps_abs_33` - (
          134217729.0e0 * `_ps_abs_33` - (
            134217729.0e0 * `_ps_abs_33` - `_ps_abs_33`
          )
        )
      ) * (
        134217729.0e0 * `_ps_pow_34` - (
          134217729.0e0 * `_ps_pow_34` - `_ps_pow_34`
        )
      )
    ) + (
      `_ps_abs_33` - (
        134217729.0e0 * `_ps_abs_33` - (
          134217729.0e0 * `_ps_abs_33` - `_ps_abs_33`
        )
      )
    ) * (
      `_ps_pow_34` - (
        134217729.0e0 * `_ps_pow_34` - (
          134217729.0e0 * `_ps_pow_34` - `_ps_pow_34`
        )
      )
    ) AS `_ps_e_36`,
    `_ps_abs_42` * `_ps_pow_43` AS `_ps_p_44`,
    (
      (
        (
          134217729.0e0 * `_ps_abs_42` - (
            134217729.0e0 * `_ps_abs_42` - `_ps_abs_42`
          )
        ) * (
          134217729.0e0 * `_ps_pow_43` - (
            134217729.0e0 * `_ps_pow_43` - `_ps_pow_43`
          )
        ) - (
          `_ps_abs_42` * `_ps_pow_43`
        )
      ) + (
        134217729.0e0 * `_ps_abs_42` - (
          134217729.0e0 * `_ps_abs_42` - `_ps_abs_42`
        )
      ) * (
        `_ps_pow_43` - (
          134217729.0e0 * `_ps_pow_43` - (
            134217729.0e0 * `_ps_pow_43` - `_ps_pow_43`
          )
        )
      ) + (
        `_ps_abs_42` - (
          134217729.0e0 * `_ps_abs_42` - (
            134217729.0e0 * `_ps_abs_42` - `_ps_abs_42`
          )
        )
      ) * (
        134217729.0e0 * `_ps_pow_43` - (
          134217729.0e0 * `_ps_pow_43` - `_ps_pow_43`
        )
      )
    ) + (
      `_ps_abs_42` - (
        134217729.0e0 * `_ps_abs_42` - (
          134217729.0e0 * `_ps_abs_42` - `_ps_abs_42`
        )
      )
    ) * (
      `_ps_pow_43` - (
        134217729.0e0 * `_ps_pow_43` - (
          134217729.0e0 * `_ps_pow_43` - `_ps_pow_43`
        )
      )
    ) AS `_ps_e_45`,
    CASE
      WHEN `_ps_abs_51` >= 10.0e0
      THEN 10000000000000e0
      WHEN `_ps_abs_51` >= 1.0e0
      THEN 100000000000000e0
      WHEN `_ps_abs_51` >= 0.1e0
      THEN 1000000000000000e0
      WHEN `_ps_abs_51` >= 0.01e0
      THEN 1e+16
    END AS `_ps_pow_52`
  FROM _ps_layer_4
), _ps_layer_6 AS (
  SELECT
    *,
    `_ps_abs_11` * `_ps_pow_12` AS `_ps_p_13`,
    (
      (
        (
          134217729.0e0 * `_ps_abs_11` - (
            134217729.0e0 * `_ps_abs_11` - `_ps_abs_11`
          )
        ) * (
          134217729.0e0 * `_ps_pow_12` - (
            134217729.0e0 * `_ps_pow_12` - `_ps_pow_12`
          )
        ) - (
          `_ps_abs_11` * `_ps_pow_12`
        )
      ) + (
        134217729.0e0 * `_ps_abs_11` - (
          134217729.0e0 * `_ps_abs_11` - `_ps_abs_11`
        )
      ) * (
        `_ps_pow_12` - (
          134217729.0e0 * `_ps_pow_12` - (
            134217729.0e0 * `_ps_pow_12` - `_ps_pow_12`
          )
        )
      ) + (
        `_ps_abs_11` - (
          134217729.0e0 * `_ps_abs_11` - (
            134217729.0e0 * `_ps_abs_11` - `_ps_abs_11`
          )
        )
      ) * (
        134217729.0e0 * `_ps_pow_12` - (
          134217729.0e0 * `_ps_pow_12` - `_ps_pow_12`
        )
      )
    ) + (
      `_ps_abs_11` - (
        134217729.0e0 * `_ps_abs_11` - (
          134217729.0e0 * `_ps_abs_11` - `_ps_abs_11`
        )
      )
    ) * (
      `_ps_pow_12` - (
        134217729.0e0 * `_ps_pow_12` - (
          134217729.0e0 * `_ps_pow_12` - `_ps_pow_12`
        )
      )
    ) AS `_ps_e_14`,
    CASE
      WHEN `_ps_abs_20` >= 100.0e0
      THEN 1000000000000e0
      WHEN `_ps_abs_20` >= 10.0e0
      THEN 10000000000000e0
      WHEN `_ps_abs_20` >= 1.0e0
      THEN 100000000000000e0
      WHEN `_ps_abs_20` >= 0.1e0
      THEN 1000000000000000e0
      WHEN `_ps_abs_20` >= 0.01e0
      THEN 1e+16
    END AS `_ps_pow_21`,
    CASE
      WHEN (
        `_ps_p_35` - FLOOR(`_ps_p_35`)
      ) > 0.5e0
      OR (
        (
          `_ps_p_35` - FLOOR(`_ps_p_35`)
        ) = 0.5e0 AND `_ps_e_36` > 0e0
      )
      THEN FLOOR(`_ps_p_35`) + 1e0
      WHEN (
        (
          `_ps_p_35` - FLOOR(`_ps_p_35`)
        ) = 0.5e0 AND `_ps_e_36` = 0e0
      )
      AND MOD(FLOOR(`_ps_p_35`), 2e0) <> 0e0
      THEN FLOOR(`_ps_p_35`) + 1e0
      ELSE FLOOR(`_ps_p_35`)
    END AS `_ps_digits_37`,
    CASE
      WHEN (
        `_ps_p_44` - FLOOR(`_ps_p_44`)
      ) > 0.5e0
      OR (
        (
          `_ps_p_44` - FLOOR(`_ps_p_44`)
        ) = 0.5e0 AND `_ps_e_45` > 0e0
      )
      THEN FLOOR(`_ps_p_44`) + 1e0
      WHEN (
        (
          `_ps_p_44` - FLOOR(`_ps_p_44`)
        ) = 0.5e0 AND `_ps_e_45` = 0e0
      )
      AND MOD(FLOOR(`_ps_p_44`), 2e0) <> 0e0
      THEN FLOOR(`_ps_p_44`) + 1e0
      ELSE FLOOR(`_ps_p_44`)
    END AS `_ps_digits_46`,
    `_ps_abs_51` * `_ps_pow_52` AS `_ps_p_53`,
    (
      (
        (
          134217729.0e0 * `_ps_abs_51` - (
            134217729.0e0 * `_ps_abs_51` - `_ps_abs_51`
          )
        ) * (
          134217729.0e0 * `_ps_pow_52` - (
            134217729.0e0 * `_ps_pow_52` - `_ps_pow_52`
          )
        ) - (
          `_ps_abs_51` * `_ps_pow_52`
        )
      ) + (
        134217729.0e0 * `_ps_abs_51` - (
          134217729.0e0 * `_ps_abs_51` - `_ps_abs_51`
        )
      ) * (
        `_ps_pow_52` - (
          134217729.0e0 * `_ps_pow_52` - (
            134217729.0e0 * `_ps_pow_52` - `_ps_pow_52`
          )
        )
      ) + (
        `_ps_abs_51` - (
          134217729.0e0 * `_ps_abs_51` - (
            134217729.0e0 * `_ps_abs_51` - `_ps_abs_51`
          )
        )
      ) * (
        134217729.0e0 * `_ps_pow_52` - (
          134217729.0e0 * `_ps_pow_52` - `_ps_pow_52`
        )
      )
    ) + (
      `_ps_abs_51` - (
        134217729.0e0 * `_ps_abs_51` - (
          134217729.0e0 * `_ps_abs_51` - `_ps_abs_51`
        )
      )
    ) * (
      `_ps_pow_52` - (
        134217729.0e0 * `_ps_pow_52` - (
          134217729.0e0 * `_ps_pow_52` - `_ps_pow_52`
        )
      )
    ) AS `_ps_e_54`
  FROM _ps_layer_5
), _ps_layer_7 AS (
  SELECT
    *,
    CASE
      WHEN (
        `_ps_p_13` - FLOOR(`_ps_p_13`)
      ) > 0.5e0
      OR (
        (
          `_ps_p_13` - FLOOR(`_ps_p_13`)
        ) = 0.5e0 AND `_ps_e_14` > 0e0
      )
      THEN FLOOR(`_ps_p_13`) + 1e0
      WHEN (
        (
          `_ps_p_13` - FLOOR(`_ps_p_13`)
        ) = 0.5e0 AND `_ps_e_14` = 0e0
      )
      AND MOD(FLOOR(`_ps_p_13`), 2e0) <> 0e0
      THEN FLOOR(`_ps_p_13`) + 1e0
      ELSE FLOOR(`_ps_p_13`)
    END AS `_ps_digits_15`,
    `_ps_abs_20` * `_ps_pow_21` AS `_ps_p_22`,
    (
      (
        (
          134217729.0e0 * `_ps_abs_20` - (
            134217729.0e0 * `_ps_abs_20` - `_ps_abs_20`
          )
        ) * (
          134217729.0e0 * `_ps_pow_21` - (
            134217729.0e0 * `_ps_pow_21` - `_ps_pow_21`
          )
        ) - (
          `_ps_abs_20` * `_ps_pow_21`
        )
      ) + (
        134217729.0e0 * `_ps_abs_20` - (
          134217729.0e0 * `_ps_abs_20` - `_ps_abs_20`
        )
      ) * (
        `_ps_pow_21` - (
          134217729.0e0 * `_ps_pow_21` - (
            134217729.0e0 * `_ps_pow_21` - `_ps_pow_21`
          )
        )
      ) + (
        `_ps_abs_20` - (
          134217729.0e0 * `_ps_abs_20` - (
            134217729.0e0 * `_ps_abs_20` - `_ps_abs_20`
          )
        )
      ) * (
        134217729.0e0 * `_ps_pow_21` - (
          134217729.0e0 * `_ps_pow_21` - `_ps_pow_21`
        )
      )
    ) + (
      `_ps_abs_20` - (
        134217729.0e0 * `_ps_abs_20` - (
          134217729.0e0 * `_ps_abs_20` - `_ps_abs_20`
        )
      )
    ) * (
      `_ps_pow_21` - (
        134217729.0e0 * `_ps_pow_21` - (
          134217729.0e0 * `_ps_pow_21` - `_ps_pow_21`
        )
      )
    ) AS `_ps_e_23`,
    CASE
      WHEN (
        `_ps_pow_34`
      ) IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_pow_34` = 1000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_37` + 50000000000e0
          ) / 100000000000e0) * 100000000000e0 > (
            `_ps_digits_37` + 50000000000e0
          )
          THEN FLOOR((
            `_ps_digits_37` + 50000000000e0
          ) / 100000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_37` + 50000000000e0
          ) / 100000000000e0)
        END
        WHEN `_ps_pow_34` = 10000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_37` + 500000000000e0
          ) / 1000000000000e0) * 1000000000000e0 > (
            `_ps_digits_37` + 500000000000e0
          )
          THEN FLOOR((
            `_ps_digits_37` + 500000000000e0
          ) / 1000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_37` + 500000000000e0
          ) / 1000000000000e0)
        END
        WHEN `_ps_pow_34` = 100000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_37` + 5000000000000e0
          ) / 10000000000000e0) * 10000000000000e0 > (
            `_ps_digits_37` + 5000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_37` + 5000000000000e0
          ) / 10000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_37` + 5000000000000e0
          ) / 10000000000000e0)
        END
        WHEN `_ps_pow_34` = 1000000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_37` + 50000000000000e0
          ) / 100000000000000e0) * 100000000000000e0 > (
            `_ps_digits_37` + 50000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_37` + 50000000000000e0
          ) / 100000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_37` + 50000000000000e0
          ) / 100000000000000e0)
        END
        WHEN `_ps_pow_34` = 1e+16
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_37` + 500000000000000e0
          ) / 1000000000000000e0) * 1000000000000000e0 > (
            `_ps_digits_37` + 500000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_37` + 500000000000000e0
          ) / 1000000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_37` + 500000000000000e0
          ) / 1000000000000000e0)
        END
      END
    END AS `_ps_units_38`,
    CASE
      WHEN (
        `_ps_pow_43`
      ) IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_pow_43` = 1000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_46` + 50000000000e0
          ) / 100000000000e0) * 100000000000e0 > (
            `_ps_digits_46` + 50000000000e0
          )
          THEN FLOOR((
            `_ps_digits_46` + 50000000000e0
          ) / 100000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_46` + 50000000000e0
          ) / 100000000000e0)
        END
        WHEN `_ps_pow_43` = 10000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_46` + 500000000000e0
          ) / 1000000000000e0) * 1000000000000e0 > (
            `_ps_digits_46` + 500000000000e0
          )
          THEN FLOOR((
            `_ps_digits_46` + 500000000000e0
          ) / 1000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_46` + 500000000000e0
          ) / 1000000000000e0)
        END
        WHEN `_ps_pow_43` = 100000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_46` + 5000000000000e0
          ) / 10000000000000e0) * 10000000000000e0 > (
            `_ps_digits_46` + 5000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_46` + 5000000000000e0
          ) / 10000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_46` + 5000000000000e0
          ) / 10000000000000e0)
        END
        WHEN `_ps_pow_43` = 1000000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_46` + 50000000000000e0
          ) / 100000000000000e0) * 100000000000000e0 > (
            `_ps_digits_46` + 50000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_46` + 50000000000000e0
          ) / 100000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_46` + 50000000000000e0
          ) / 100000000000000e0)
        END
        WHEN `_ps_pow_43` = 1e+16
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_46` + 500000000000000e0
          ) / 1000000000000000e0) * 1000000000000000e0 > (
            `_ps_digits_46` + 500000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_46` + 500000000000000e0
          ) / 1000000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_46` + 500000000000000e0
          ) / 1000000000000000e0)
        END
      END
    END AS `_ps_units_47`,
    CASE
      WHEN (
        `_ps_p_53` - FLOOR(`_ps_p_53`)
      ) > 0.5e0
      OR (
        (
          `_ps_p_53` - FLOOR(`_ps_p_53`)
        ) = 0.5e0 AND `_ps_e_54` > 0e0
      )
      THEN FLOOR(`_ps_p_53`) + 1e0
      WHEN (
        (
          `_ps_p_53` - FLOOR(`_ps_p_53`)
        ) = 0.5e0 AND `_ps_e_54` = 0e0
      )
      AND MOD(FLOOR(`_ps_p_53`), 2e0) <> 0e0
      THEN FLOOR(`_ps_p_53`) + 1e0
      ELSE FLOOR(`_ps_p_53`)
    END AS `_ps_digits_55`
  FROM _ps_layer_6
), _ps_layer_8 AS (
  SELECT
    *,
    CASE
      WHEN (
        `_ps_pow_12`
      ) IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_pow_12` = 1000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_15` + 50000000000e0
          ) / 100000000000e0) * 100000000000e0 > (
            `_ps_digits_15` + 50000000000e0
          )
          THEN FLOOR((
            `_ps_digits_15` + 50000000000e0
          ) / 100000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_15` + 50000000000e0
          ) / 100000000000e0)
        END
        WHEN `_ps_pow_12` = 10000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_15` + 500000000000e0
          ) / 1000000000000e0) * 1000000000000e0 > (
            `_ps_digits_15` + 500000000000e0
          )
          THEN FLOOR((
            `_ps_digits_15` + 500000000000e0
          ) / 1000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_15` + 500000000000e0
          ) / 1000000000000e0)
        END
        WHEN `_ps_pow_12` = 100000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_15` + 5000000000000e0
          ) / 10000000000000e0) * 10000000000000e0 > (
            `_ps_digits_15` + 5000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_15` + 5000000000000e0
          ) / 10000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_15` + 5000000000000e0
          ) / 10000000000000e0)
        END
        WHEN `_ps_pow_12` = 1000000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_15` + 50000000000000e0
          ) / 100000000000000e0) * 100000000000000e0 > (
            `_ps_digits_15` + 50000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_15` + 50000000000000e0
          ) / 100000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_15` + 50000000000000e0
          ) / 100000000000000e0)
        END
        WHEN `_ps_pow_12` = 1e+16
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_15` + 500000000000000e0
          ) / 1000000000000000e0) * 1000000000000000e0 > (
            `_ps_digits_15` + 500000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_15` + 500000000000000e0
          ) / 1000000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_15` + 500000000000000e0
          ) / 1000000000000000e0)
        END
      END
    END AS `_ps_units_16`,
    CASE
      WHEN (
        `_ps_p_22` - FLOOR(`_ps_p_22`)
      ) > 0.5e0
      OR (
        (
          `_ps_p_22` - FLOOR(`_ps_p_22`)
        ) = 0.5e0 AND `_ps_e_23` > 0e0
      )
      THEN FLOOR(`_ps_p_22`) + 1e0
      WHEN (
        (
          `_ps_p_22` - FLOOR(`_ps_p_22`)
        ) = 0.5e0 AND `_ps_e_23` = 0e0
      )
      AND MOD(FLOOR(`_ps_p_22`), 2e0) <> 0e0
      THEN FLOOR(`_ps_p_22`) + 1e0
      ELSE FLOOR(`_ps_p_22`)
    END AS `_ps_digits_24`,
    CASE
      WHEN `_ps_x_32` IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_units_38` > 0e0
        THEN CASE WHEN `_ps_x_32` < 0e0 THEN -`_ps_units_38` ELSE `_ps_units_38` END
        ELSE 0e0
      END
    END AS `_ps_units3_39`,
    CASE
      WHEN `_ps_x_41` IS NULL
      THEN 50e0
      ELSE CASE
        WHEN `_ps_units_47` > 0e0
        THEN CASE WHEN `_ps_x_41` < 0e0 THEN -`_ps_units_47` ELSE `_ps_units_47` END
        ELSE 0e0
      END
    END AS `_ps_units4_48`,
    CASE
      WHEN (
        `_ps_pow_52`
      ) IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_pow_52` = 10000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_55` + 500000000000e0
          ) / 1000000000000e0) * 1000000000000e0 > (
            `_ps_digits_55` + 500000000000e0
          )
          THEN FLOOR((
            `_ps_digits_55` + 500000000000e0
          ) / 1000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_55` + 500000000000e0
          ) / 1000000000000e0)
        END
        WHEN `_ps_pow_52` = 100000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_55` + 5000000000000e0
          ) / 10000000000000e0) * 10000000000000e0 > (
            `_ps_digits_55` + 5000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_55` + 5000000000000e0
          ) / 10000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_55` + 5000000000000e0
          ) / 10000000000000e0)
        END
        WHEN `_ps_pow_52` = 1000000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_55` + 50000000000000e0
          ) / 100000000000000e0) * 100000000000000e0 > (
            `_ps_digits_55` + 50000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_55` + 50000000000000e0
          ) / 100000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_55` + 50000000000000e0
          ) / 100000000000000e0)
        END
        WHEN `_ps_pow_52` = 1e+16
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_55` + 500000000000000e0
          ) / 1000000000000000e0) * 1000000000000000e0 > (
            `_ps_digits_55` + 500000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_55` + 500000000000000e0
          ) / 1000000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_55` + 500000000000000e0
          ) / 1000000000000000e0)
        END
      END
    END AS `_ps_units_56`
  FROM _ps_layer_7
), _ps_layer_9 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_x_10` IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_units_16` > 0e0
        THEN CASE WHEN `_ps_x_10` < 0e0 THEN -`_ps_units_16` ELSE `_ps_units_16` END
        ELSE 0e0
      END
    END AS `_ps_units0_17`,
    CASE
      WHEN (
        `_ps_pow_21`
      ) IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_pow_21` = 1000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_24` + 50000000000e0
          ) / 100000000000e0) * 100000000000e0 > (
            `_ps_digits_24` + 50000000000e0
          )
          THEN FLOOR((
            `_ps_digits_24` + 50000000000e0
          ) / 100000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_24` + 50000000000e0
          ) / 100000000000e0)
        END
        WHEN `_ps_pow_21` = 10000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_24` + 500000000000e0
          ) / 1000000000000e0) * 1000000000000e0 > (
            `_ps_digits_24` + 500000000000e0
          )
          THEN FLOOR((
            `_ps_digits_24` + 500000000000e0
          ) / 1000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_24` + 500000000000e0
          ) / 1000000000000e0)
        END
        WHEN `_ps_pow_21` = 100000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_24` + 5000000000000e0
          ) / 10000000000000e0) * 10000000000000e0 > (
            `_ps_digits_24` + 5000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_24` + 5000000000000e0
          ) / 10000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_24` + 5000000000000e0
          ) / 10000000000000e0)
        END
        WHEN `_ps_pow_21` = 1000000000000000e0
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_24` + 50000000000000e0
          ) / 100000000000000e0) * 100000000000000e0 > (
            `_ps_digits_24` + 50000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_24` + 50000000000000e0
          ) / 100000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_24` + 50000000000000e0
          ) / 100000000000000e0)
        END
        WHEN `_ps_pow_21` = 1e+16
        THEN CASE
          WHEN FLOOR((
            `_ps_digits_24` + 500000000000000e0
          ) / 1000000000000000e0) * 1000000000000000e0 > (
            `_ps_digits_24` + 500000000000000e0
          )
          THEN FLOOR((
            `_ps_digits_24` + 500000000000000e0
          ) / 1000000000000000e0) - 1e0
          ELSE FLOOR((
            `_ps_digits_24` + 500000000000000e0
          ) / 1000000000000000e0)
        END
      END
    END AS `_ps_units_25`,
    CASE
      WHEN `_ps_x_50` IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_units_56` > 0e0
        THEN CASE WHEN `_ps_x_50` < 0e0 THEN -`_ps_units_56` ELSE `_ps_units_56` END
        ELSE 0e0
      END
    END AS `_ps_units5_57`
  FROM _ps_layer_8
), _ps_layer_10 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_x_19` IS NULL
      THEN 50e0
      ELSE CASE
        WHEN `_ps_units_25` > 0e0
        THEN CASE WHEN `_ps_x_19` < 0e0 THEN -`_ps_units_25` ELSE `_ps_units_25` END
        ELSE 0e0
      END
    END AS `_ps_units1_26`
  FROM _ps_layer_9
), _ps_layer_11 AS (
  SELECT
    *,
    0e0 + `_ps_units0_17` + `_ps_units1_26` + `_ps_units2_30` + `_ps_units3_39` + `_ps_units4_48` + `_ps_units5_57` AS `_ps_factor_units_62`,
    0 + CASE
      WHEN (
        250e0 - `_ps_units1_26`
      ) > 0e0
      AND (
        (
          250e0 - `_ps_units1_26`
        ) > (
          300e0 - `_ps_units0_17`
        )
        OR (
          (
            250e0 - `_ps_units1_26`
          ) = (
            300e0 - `_ps_units0_17`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        200e0 - `_ps_units2_30`
      ) > 0e0
      AND (
        (
          200e0 - `_ps_units2_30`
        ) > (
          300e0 - `_ps_units0_17`
        )
        OR (
          (
            200e0 - `_ps_units2_30`
          ) = (
            300e0 - `_ps_units0_17`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units3_39`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units3_39`
        ) > (
          300e0 - `_ps_units0_17`
        )
        OR (
          (
            100e0 - `_ps_units3_39`
          ) = (
            300e0 - `_ps_units0_17`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units4_48`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units4_48`
        ) > (
          300e0 - `_ps_units0_17`
        )
        OR (
          (
            100e0 - `_ps_units4_48`
          ) = (
            300e0 - `_ps_units0_17`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        50e0 - `_ps_units5_57`
      ) > 0e0
      AND (
        (
          50e0 - `_ps_units5_57`
        ) > (
          300e0 - `_ps_units0_17`
        )
        OR (
          (
            50e0 - `_ps_units5_57`
          ) = (
            300e0 - `_ps_units0_17`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > (
          300e0 - `_ps_units0_17`
        )
        OR (
          (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          ) = (
            300e0 - `_ps_units0_17`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > (
          300e0 - `_ps_units0_17`
        )
        OR (
          (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          ) = (
            300e0 - `_ps_units0_17`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END AS `_ps_rank0_66`,
    0 + CASE
      WHEN (
        300e0 - `_ps_units0_17`
      ) > 0e0
      AND (
        (
          300e0 - `_ps_units0_17`
        ) > (
          250e0 - `_ps_units1_26`
        )
        OR (
          (
            300e0 - `_ps_units0_17`
          ) = (
            250e0 - `_ps_units1_26`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        200e0 - `_ps_units2_30`
      ) > 0e0
      AND (
        (
          200e0 - `_ps_units2_30`
        ) > (
          250e0 - `_ps_units1_26`
        )
        OR (
          (
            200e0 - `_ps_units2_30`
          ) = (
            250e0 - `_ps_units1_26`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units3_39`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units3_39`
        ) > (
          250e0 - `_ps_units1_26`
        )
        OR (
          (
            100e0 - `_ps_units3_39`
          ) = (
            250e0 - `_ps_units1_26`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units4_48`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units4_48`
        ) > (
          250e0 - `_ps_units1_26`
        )
        OR (
          (
            100e0 - `_ps_units4_48`
          ) = (
            250e0 - `_ps_units1_26`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        50e0 - `_ps_units5_57`
      ) > 0e0
      AND (
        (
          50e0 - `_ps_units5_57`
        ) > (
          250e0 - `_ps_units1_26`
        )
        OR (
          (
            50e0 - `_ps_units5_57`
          ) = (
            250e0 - `_ps_units1_26`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > (
          250e0 - `_ps_units1_26`
        )
        OR (
          (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          ) = (
            250e0 - `_ps_units1_26`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > (
          250e0 - `_ps_units1_26`
        )
        OR (
          (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          ) = (
            250e0 - `_ps_units1_26`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END AS `_ps_rank1_67`,
    0 + CASE
      WHEN (
        300e0 - `_ps_units0_17`
      ) > 0e0
      AND (
        (
          300e0 - `_ps_units0_17`
        ) > (
          200e0 - `_ps_units2_30`
        )
        OR (
          (
            300e0 - `_ps_units0_17`
          ) = (
            200e0 - `_ps_units2_30`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        250e0 - `_ps_units1_26`
      ) > 0e0
      AND (
        (
          250e0 - `_ps_units1_26`
        ) > (
          200e0 - `_ps_units2_30`
        )
        OR (
          (
            250e0 - `_ps_units1_26`
          ) = (
            200e0 - `_ps_units2_30`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units3_39`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units3_39`
        ) > (
          200e0 - `_ps_units2_30`
        )
        OR (
          (
            100e0 - `_ps_units3_39`
          ) = (
            200e0 - `_ps_units2_30`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units4_48`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units4_48`
        ) > (
          200e0 - `_ps_units2_30`
        )
        OR (
          (
            100e0 - `_ps_units4_48`
          ) = (
            200e0 - `_ps_units2_30`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        50e0 - `_ps_units5_57`
      ) > 0e0
      AND (
        (
          50e0 - `_ps_units5_57`
        ) > (
          200e0 - `_ps_units2_30`
        )
        OR (
          (
            50e0 - `_ps_units5_57`
          ) = (
            200e0 - `_ps_units2_30`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > (
          200e0 - `_ps_units2_30`
        )
        OR (
          (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          ) = (
            200e0 - `_ps_units2_30`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > (
          200e0 - `_ps_units2_30`
        )
        OR (
          (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          ) = (
            200e0 - `_ps_units2_30`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END AS `_ps_rank2_68`,
    0 + CASE
      WHEN (
        300e0 - `_ps_units0_17`
      ) > 0e0
      AND (
        (
          300e0 - `_ps_units0_17`
        ) > (
          100e0 - `_ps_units3_39`
        )
        OR (
          (
            300e0 - `_ps_units0_17`
          ) = (
            100e0 - `_ps_units3_39`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        250e0 - `_ps_units1_26`
      ) > 0e0
      AND (
        (
          250e0 - `_ps_units1_26`
        ) > (
          100e0 - `_ps_units3_39`
        )
        OR (
          (
            250e0 - `_ps_units1_26`
          ) = (
            100e0 - `_ps_units3_39`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        200e0 - `_ps_units2_30`
      ) > 0e0
      AND (
        (
          200e0 - `_ps_units2_30`
        ) > (
          100e0 - `_ps_units3_39`
        )
        OR (
          (
            200e0 - `_ps_units2_30`
          ) = (
            100e0 - `_ps_units3_39`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units4_48`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units4_48`
        ) > (
          100e0 - `_ps_units3_39`
        )
        OR (
          (
            100e0 - `_ps_units4_48`
          ) = (
            100e0 - `_ps_units3_39`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        50e0 - `_ps_units5_57`
      ) > 0e0
      AND (
        (
          50e0 - `_ps_units5_57`
        ) > (
          100e0 - `_ps_units3_39`
        )
        OR (
          (
            50e0 - `_ps_units5_57`
          ) = (
            100e0 - `_ps_units3_39`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > (
          100e0 - `_ps_units3_39`
        )
        OR (
          (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          ) = (
            100e0 - `_ps_units3_39`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > (
          100e0 - `_ps_units3_39`
        )
        OR (
          (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          ) = (
            100e0 - `_ps_units3_39`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END AS `_ps_rank3_69`,
    0 + CASE
      WHEN (
        300e0 - `_ps_units0_17`
      ) > 0e0
      AND (
        (
          300e0 - `_ps_units0_17`
        ) > (
          100e0 - `_ps_units4_48`
        )
        OR (
          (
            300e0 - `_ps_units0_17`
          ) = (
            100e0 - `_ps_units4_48`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        250e0 - `_ps_units1_26`
      ) > 0e0
      AND (
        (
          250e0 - `_ps_units1_26`
        ) > (
          100e0 - `_ps_units4_48`
        )
        OR (
          (
            250e0 - `_ps_units1_26`
          ) = (
            100e0 - `_ps_units4_48`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        200e0 - `_ps_units2_30`
      ) > 0e0
      AND (
        (
          200e0 - `_ps_units2_30`
        ) > (
          100e0 - `_ps_units4_48`
        )
        OR (
          (
            200e0 - `_ps_units2_30`
          ) = (
            100e0 - `_ps_units4_48`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units3_39`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units3_39`
        ) > (
          100e0 - `_ps_units4_48`
        )
        OR (
          (
            100e0 - `_ps_units3_39`
          ) = (
            100e0 - `_ps_units4_48`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        50e0 - `_ps_units5_57`
      ) > 0e0
      AND (
        (
          50e0 - `_ps_units5_57`
        ) > (
          100e0 - `_ps_units4_48`
        )
        OR (
          (
            50e0 - `_ps_units5_57`
          ) = (
            100e0 - `_ps_units4_48`
          ) AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > (
          100e0 - `_ps_units4_48`
        )
        OR (
          (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          ) = (
            100e0 - `_ps_units4_48`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > (
          100e0 - `_ps_units4_48`
        )
        OR (
          (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          ) = (
            100e0 - `_ps_units4_48`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END AS `_ps_rank4_70`,
    0 + CASE
      WHEN (
        300e0 - `_ps_units0_17`
      ) > 0e0
      AND (
        (
          300e0 - `_ps_units0_17`
        ) > (
          50e0 - `_ps_units5_57`
        )
        OR (
          (
            300e0 - `_ps_units0_17`
          ) = (
            50e0 - `_ps_units5_57`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        250e0 - `_ps_units1_26`
      ) > 0e0
      AND (
        (
          250e0 - `_ps_units1_26`
        ) > (
          50e0 - `_ps_units5_57`
        )
        OR (
          (
            250e0 - `_ps_units1_26`
          ) = (
            50e0 - `_ps_units5_57`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        200e0 - `_ps_units2_30`
      ) > 0e0
      AND (
        (
          200e0 - `_ps_units2_30`
        ) > (
          50e0 - `_ps_units5_57`
        )
        OR (
          (
            200e0 - `_ps_units2_30`
          ) = (
            50e0 - `_ps_units5_57`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units3_39`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units3_39`
        ) > (
          50e0 - `_ps_units5_57`
        )
        OR (
          (
            100e0 - `_ps_units3_39`
          ) = (
            50e0 - `_ps_units5_57`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units4_48`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units4_48`
        ) > (
          50e0 - `_ps_units5_57`
        )
        OR (
          (
            100e0 - `_ps_units4_48`
          ) = (
            50e0 - `_ps_units5_57`
          ) AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > (
          50e0 - `_ps_units5_57`
        )
        OR (
          (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          ) = (
            50e0 - `_ps_units5_57`
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > (
          50e0 - `_ps_units5_57`
        )
        OR (
          (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          ) = (
            50e0 - `_ps_units5_57`
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END AS `_ps_rank5_71`,
    0 + CASE
      WHEN (
        300e0 - `_ps_units0_17`
      ) > 0e0
      AND (
        (
          300e0 - `_ps_units0_17`
        ) > (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        )
        OR (
          (
            300e0 - `_ps_units0_17`
          ) = (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        250e0 - `_ps_units1_26`
      ) > 0e0
      AND (
        (
          250e0 - `_ps_units1_26`
        ) > (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        )
        OR (
          (
            250e0 - `_ps_units1_26`
          ) = (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        200e0 - `_ps_units2_30`
      ) > 0e0
      AND (
        (
          200e0 - `_ps_units2_30`
        ) > (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        )
        OR (
          (
            200e0 - `_ps_units2_30`
          ) = (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units3_39`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units3_39`
        ) > (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        )
        OR (
          (
            100e0 - `_ps_units3_39`
          ) = (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units4_48`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units4_48`
        ) > (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        )
        OR (
          (
            100e0 - `_ps_units4_48`
          ) = (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        50e0 - `_ps_units5_57`
      ) > 0e0
      AND (
        (
          50e0 - `_ps_units5_57`
        ) > (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        )
        OR (
          (
            50e0 - `_ps_units5_57`
          ) = (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        )
        OR (
          (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          ) = (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END AS `_ps_rank6_72`,
    0 + CASE
      WHEN (
        300e0 - `_ps_units0_17`
      ) > 0e0
      AND (
        (
          300e0 - `_ps_units0_17`
        ) > (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        )
        OR (
          (
            300e0 - `_ps_units0_17`
          ) = (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        250e0 - `_ps_units1_26`
      ) > 0e0
      AND (
        (
          250e0 - `_ps_units1_26`
        ) > (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        )
        OR (
          (
            250e0 - `_ps_units1_26`
          ) = (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        200e0 - `_ps_units2_30`
      ) > 0e0
      AND (
        (
          200e0 - `_ps_units2_30`
        ) > (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        )
        OR (
          (
            200e0 - `_ps_units2_30`
          ) = (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units3_39`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units3_39`
        ) > (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        )
        OR (
          (
            100e0 - `_ps_units3_39`
          ) = (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        100e0 - `_ps_units4_48`
      ) > 0e0
      AND (
        (
          100e0 - `_ps_units4_48`
        ) > (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        )
        OR (
          (
            100e0 - `_ps_units4_48`
          ) = (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          )
          AND TRUE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        50e0 - `_ps_units5_57`
      ) > 0e0
      AND (
        (
          50e0 - `_ps_units5_57`
        ) > (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        )
        OR (
          (
            50e0 - `_ps_units5_57`
          ) = (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END + CASE
      WHEN (
        CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
      ) > 0e0
      AND (
        (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        )
        OR (
          (
            CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
          ) = (
            CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
          )
          AND FALSE
        )
      )
      THEN 1
      ELSE 0
    END AS `_ps_rank7_73`
  FROM _ps_layer_10
), _ps_layer_12 AS (
  SELECT
    *,
    `_ps_factor_units_62` + CASE WHEN `_ps_adj_58` IS TRUE THEN 80e0 ELSE 0e0 END + CASE WHEN `_ps_adj_59` IS TRUE THEN CAST(-50 AS FLOAT64) ELSE 0e0 END + CASE WHEN `_ps_adj_60` IS TRUE THEN 20e0 ELSE 0e0 END + CASE WHEN `_ps_adj_61` IS TRUE THEN CAST(-100 AS FLOAT64) ELSE 0e0 END AS `_ps_raw_units_63`,
    ARRAY_CONCAT(
      CASE
        WHEN (
          300e0 - `_ps_units0_17`
        ) > 0e0 AND `_ps_rank0_66` = 0
        THEN ['lifetime_value']
        WHEN (
          250e0 - `_ps_units1_26`
        ) > 0e0 AND `_ps_rank1_67` = 0
        THEN ['feedback_value']
        WHEN (
          200e0 - `_ps_units2_30`
        ) > 0e0 AND `_ps_rank2_68` = 0
        THEN ['engagement']
        WHEN (
          100e0 - `_ps_units3_39`
        ) > 0e0 AND `_ps_rank3_69` = 0
        THEN ['innovation_partnership']
        WHEN (
          100e0 - `_ps_units4_48`
        ) > 0e0 AND `_ps_rank4_70` = 0
        THEN ['satisfaction']
        WHEN (
          50e0 - `_ps_units5_57`
        ) > 0e0 AND `_ps_rank5_71` = 0
        THEN ['longevity']
        WHEN (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > 0e0
        AND `_ps_rank6_72` = 0
        THEN ['big_but_silent']
        WHEN (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > 0e0
        AND `_ps_rank7_73` = 0
        THEN ['churned_recently']
        ELSE ARRAY<STRING>[]
      END,
      CASE
        WHEN (
          300e0 - `_ps_units0_17`
        ) > 0e0 AND `_ps_rank0_66` = 1
        THEN ['lifetime_value']
        WHEN (
          250e0 - `_ps_units1_26`
        ) > 0e0 AND `_ps_rank1_67` = 1
        THEN ['feedback_value']
        WHEN (
          200e0 - `_ps_units2_30`
        ) > 0e0 AND `_ps_rank2_68` = 1
        THEN ['engagement']
        WHEN (
          100e0 - `_ps_units3_39`
        ) > 0e0 AND `_ps_rank3_69` = 1
        THEN ['innovation_partnership']
        WHEN (
          100e0 - `_ps_units4_48`
        ) > 0e0 AND `_ps_rank4_70` = 1
        THEN ['satisfaction']
        WHEN (
          50e0 - `_ps_units5_57`
        ) > 0e0 AND `_ps_rank5_71` = 1
        THEN ['longevity']
        WHEN (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > 0e0
        AND `_ps_rank6_72` = 1
        THEN ['big_but_silent']
        WHEN (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > 0e0
        AND `_ps_rank7_73` = 1
        THEN ['churned_recently']
        ELSE ARRAY<STRING>[]
      END,
      CASE
        WHEN (
          300e0 - `_ps_units0_17`
        ) > 0e0 AND `_ps_rank0_66` = 2
        THEN ['lifetime_value']
        WHEN (
          250e0 - `_ps_units1_26`
        ) > 0e0 AND `_ps_rank1_67` = 2
        THEN ['feedback_value']
        WHEN (
          200e0 - `_ps_units2_30`
        ) > 0e0 AND `_ps_rank2_68` = 2
        THEN ['engagement']
        WHEN (
          100e0 - `_ps_units3_39`
        ) > 0e0 AND `_ps_rank3_69` = 2
        THEN ['innovation_partnership']
        WHEN (
          100e0 - `_ps_units4_48`
        ) > 0e0 AND `_ps_rank4_70` = 2
        THEN ['satisfaction']
        WHEN (
          50e0 - `_ps_units5_57`
        ) > 0e0 AND `_ps_rank5_71` = 2
        THEN ['longevity']
        WHEN (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > 0e0
        AND `_ps_rank6_72` = 2
        THEN ['big_but_silent']
        WHEN (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > 0e0
        AND `_ps_rank7_73` = 2
        THEN ['churned_recently']
        ELSE ARRAY<STRING>[]
      END,
      CASE
        WHEN (
          300e0 - `_ps_units0_17`
        ) > 0e0 AND `_ps_rank0_66` = 3
        THEN ['lifetime_value']
        WHEN (
          250e0 - `_ps_units1_26`
        ) > 0e0 AND `_ps_rank1_67` = 3
        THEN ['feedback_value']
        WHEN (
          200e0 - `_ps_units2_30`
        ) > 0e0 AND `_ps_rank2_68` = 3
        THEN ['engagement']
        WHEN (
          100e0 - `_ps_units3_39`
        ) > 0e0 AND `_ps_rank3_69` = 3
        THEN ['innovation_partnership']
        WHEN (
          100e0 - `_ps_units4_48`
        ) > 0e0 AND `_ps_rank4_70` = 3
        THEN ['satisfaction']
        WHEN (
          50e0 - `_ps_units5_57`
        ) > 0e0 AND `_ps_rank5_71` = 3
        THEN ['longevity']
        WHEN (
          CASE WHEN `_ps_adj_59` IS TRUE THEN 50e0 ELSE 0e0 END
        ) > 0e0
        AND `_ps_rank6_72` = 3
        THEN ['big_but_silent']
        WHEN (
          CASE WHEN `_ps_adj_61` IS TRUE THEN 100e0 ELSE 0e0 END
        ) > 0e0
        AND `_ps_rank7_73` = 3
        THEN ['churned_recently']
        ELSE ARRAY<STRING>[]
      END
    ) AS `_ps_reasons_74`
  FROM _ps_layer_11
), _ps_layer_13 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_raw_units_63` > 1000e0
      THEN 1000e0
      ELSE CASE WHEN `_ps_raw_units_63` < 0e0 THEN 0e0 ELSE `_ps_raw_units_63` END
    END AS `_ps_total_64`
  FROM _ps_layer_12
), _ps_layer_14 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_total_64` >= 600e0
      THEN 'cornerstone'
      WHEN `_ps_total_64` >= 450e0
      THEN 'valued'
      WHEN `_ps_total_64` >= 300e0
      THEN 'developing'
      WHEN `_ps_total_64` >= 0e0
      THEN 'peripheral'
      ELSE CAST(NULL AS STRING)
    END AS `_ps_tier_65`
  FROM _ps_layer_13
)
SELECT
  `_ps_id` AS `id`,
  CASE WHEN NOT `_ps_fallback_75` THEN `_ps_eligible` ELSE NULL END AS `eligible`,
  CASE
    WHEN NOT `_ps_fallback_75` AND `_ps_eligible`
    THEN `_ps_total_64` / 10e0
    ELSE NULL
  END AS `score`,
  CASE WHEN NOT `_ps_fallback_75` AND `_ps_eligible` THEN `_ps_tier_65` ELSE NULL END AS `tier`,
  CASE
    WHEN NOT `_ps_fallback_75` AND `_ps_eligible`
    THEN `_ps_units0_17` / 10e0
    ELSE NULL
  END AS `points_lifetime_value`,
  CASE
    WHEN NOT `_ps_fallback_75` AND `_ps_eligible`
    THEN `_ps_units1_26` / 10e0
    ELSE NULL
  END AS `points_feedback_value`,
  CASE
    WHEN NOT `_ps_fallback_75` AND `_ps_eligible`
    THEN `_ps_units2_30` / 10e0
    ELSE NULL
  END AS `points_engagement`,
  CASE
    WHEN NOT `_ps_fallback_75` AND `_ps_eligible`
    THEN `_ps_units3_39` / 10e0
    ELSE NULL
  END AS `points_innovation_partnership`,
  CASE
    WHEN NOT `_ps_fallback_75` AND `_ps_eligible`
    THEN `_ps_units4_48` / 10e0
    ELSE NULL
  END AS `points_satisfaction`,
  CASE
    WHEN NOT `_ps_fallback_75` AND `_ps_eligible`
    THEN `_ps_units5_57` / 10e0
    ELSE NULL
  END AS `points_longevity`,
  CASE
    WHEN NOT `_ps_fallback_75` AND `_ps_eligible`
    THEN (
      `_ps_raw_units_63` - `_ps_factor_units_62`
    ) / 10e0
    ELSE NULL
  END AS `adjustment_points`,
  CASE
    WHEN NOT `_ps_fallback_75`
    THEN ARRAY_CONCAT(
      CASE WHEN `_ps_filter_7` IS TRUE THEN ARRAY<STRING>[] ELSE ['current_or_recent'] END,
      CASE WHEN `_ps_filter_8` IS TRUE THEN ARRAY<STRING>[] ELSE ['real_customer'] END
    )
    ELSE NULL
  END AS `failed_filters`,
  CASE
    WHEN NOT `_ps_fallback_75` AND `_ps_eligible`
    THEN `_ps_reasons_74`
    WHEN NOT `_ps_fallback_75`
    THEN ARRAY_CONCAT(
      CASE WHEN `_ps_filter_7` IS TRUE THEN ARRAY<STRING>[] ELSE ['current_or_recent'] END,
      CASE WHEN `_ps_filter_8` IS TRUE THEN ARRAY<STRING>[] ELSE ['real_customer'] END
    )
    ELSE NULL
  END AS `reasons`
FROM _ps_layer_14

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
    END AS `_ps_raw_37`,
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
    END AS `_ps_raw_49`,
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
    END AS `_ps_adj_75`,
    (
      `status`
    ) = (
      'churned'
    ) AS `_ps_adj_76`
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
    END AS `_ps_band_33`,
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
    END AS `_ps_band_34`,
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
    END AS `_ps_band_35`,
    CASE
      WHEN (
        `_ps_raw_37` - `_ps_raw_37`
      ) = 0e0
      THEN 10e0 * CASE
        WHEN `_ps_raw_37` < 0e0
        THEN 0e0
        WHEN `_ps_raw_37` > 1e0
        THEN 1e0
        ELSE `_ps_raw_37`
      END
      ELSE NULL
    END AS `_ps_x_38`,
    CASE
      WHEN (
        `_ps_raw_49` - `_ps_raw_49`
      ) = 0e0
      THEN 10e0 * CASE
        WHEN `_ps_raw_49` < 0e0
        THEN 0e0
        WHEN `_ps_raw_49` > 1e0
        THEN 1e0
        ELSE `_ps_raw_49`
      END
      ELSE NULL
    END AS `_ps_x_50`,
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
    END AS `_ps_raw_61`,
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
    ) AS `_ps_adj_73`,
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
    ) AS `_ps_adj_74`,
    CASE
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
    END AS `_ps_same_95`,
    CASE WHEN `_ps_adj_76` IS TRUE THEN 100e0 ELSE 0e0 END AS `_ps_same_117`
  FROM _ps_layer_1
), _ps_layer_3 AS (
  SELECT
    *,
    CASE
      WHEN (
        `_ps_let_1`
      ) IS TRUE
      THEN CASE
        WHEN (
          CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END
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
                IS_NAN(CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END)
              )
              OR (
                IS_NAN(223.60679774997897e0)
              )
              THEN FALSE
              ELSE (
                CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END
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
                    CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
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
                  CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
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
                    CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
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
                  CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
                ) / (
                  223.60679774997897e0 - 0e0
                )
              ) > (
                1e0
              )
            END
            THEN 1.0e0
            ELSE (
              CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
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
          CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END
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
                IS_NAN(CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END)
              )
              OR (
                IS_NAN(866.0254037844386e0)
              )
              THEN FALSE
              ELSE (
                CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END
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
                    CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
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
                  CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
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
                    CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
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
                  CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
                ) / (
                  866.0254037844386e0 - 0e0
                )
              ) > (
                1e0
              )
            END
            THEN 1.0e0
            ELSE (
              CASE WHEN `_ps_same_95` THEN NULL ELSE SQRT(`_ps_let_3`) END - 0e0
            ) / (
              866.0254037844386e0 - 0e0
            )
          END
        END
      END
      ELSE NULL
    END AS `_ps_raw_9`,
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
    ) AS `_ps_raw_21`,
    CASE
      WHEN `_ps_band_33` IS TRUE
      THEN 200e0
      WHEN `_ps_band_33` IS NULL
      THEN 50e0
      WHEN `_ps_band_34` IS TRUE
      THEN 120e0
      WHEN `_ps_band_34` IS NULL
      THEN 50e0
      WHEN `_ps_band_35` IS TRUE
      THEN 60e0
      WHEN `_ps_band_35` IS NULL
      THEN 50e0
      ELSE 0e0
    END AS `_ps_units2_36`,
    ABS(`_ps_x_38`) AS `_ps_abs_39`,
    ABS(`_ps_x_50`) AS `_ps_abs_51`,
    CASE
      WHEN (
        `_ps_raw_61` - `_ps_raw_61`
      ) = 0e0
      THEN 5e0 * CASE
        WHEN `_ps_raw_61` < 0e0
        THEN 0e0
        WHEN `_ps_raw_61` > 1e0
        THEN 1e0
        ELSE `_ps_raw_61`
      END
      ELSE NULL
    END AS `_ps_x_62`,
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
    ) AS `_ps_fallback_94`,
    CASE WHEN `_ps_adj_74` IS TRUE THEN 50e0 ELSE 0e0 END AS `_ps_same_116`
  FROM _ps_layer_2
), _ps_layer_4 AS (
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
    CASE
      WHEN (
        `_ps_raw_21` - `_ps_raw_21`
      ) = 0e0
      THEN 25e0 * CASE
        WHEN `_ps_raw_21` < 0e0
        THEN 0e0
        WHEN `_ps_raw_21` > 1e0
        THEN 1e0
        ELSE `_ps_raw_21`
      END
      ELSE NULL
    END AS `_ps_x_22`,
    `_ps_abs_39` * 10e0 AS `_ps_scaled_40`,
    `_ps_abs_51` * 10e0 AS `_ps_scaled_52`,
    ABS(`_ps_x_62`) AS `_ps_abs_63`
  FROM _ps_layer_3
), _ps_layer_5 AS (
  SELECT
    *,
    ABS(`_ps_x_10`) AS `_ps_abs_11`,
    ABS(`_ps_x_22`) AS `_ps_abs_23`,
    `_ps_scaled_40` < 1000000000000000.0e0
    AND ABS(`_ps_scaled_40` - FLOOR(`_ps_scaled_40`) - 0.5e0) > `_ps_scaled_40` * 9.094947017729282e-13 AS `_ps_plain_41`,
    `_ps_scaled_52` < 1000000000000000.0e0
    AND ABS(`_ps_scaled_52` - FLOOR(`_ps_scaled_52`) - 0.5e0) > `_ps_scaled_52` * 9.094947017729282e-13 AS `_ps_plain_53`,
    `_ps_abs_63` * 10e0 AS `_ps_scaled_64`
  FROM _ps_layer_4
), _ps_layer_6 AS (
  SELECT
    *,
    `_ps_abs_11` * 10e0 AS `_ps_scaled_12`,
    `_ps_abs_23` * 10e0 AS `_ps_scaled_24`,
    CASE WHEN `_ps_plain_41` THEN NULL ELSE `_ps_abs_39` END AS `_ps_abs_42`,
    CASE WHEN `_ps_plain_53` THEN NULL ELSE `_ps_abs_51` END AS `_ps_abs_54`,
    `_ps_scaled_64` < 1000000000000000.0e0
    AND ABS(`_ps_scaled_64` - FLOOR(`_ps_scaled_64`) - 0.5e0) > `_ps_scaled_64` * 9.094947017729282e-13 AS `_ps_plain_65`
  FROM _ps_layer_5
), _ps_layer_7 AS (
  SELECT
    *,
    `_ps_scaled_12` < 1000000000000000.0e0
    AND ABS(`_ps_scaled_12` - FLOOR(`_ps_scaled_12`) - 0.5e0) > `_ps_scaled_12` * 9.094947017729282e-13 AS `_ps_plain_13`,
    `_ps_scaled_24` < 1000000000000000.0e0
    AND ABS(`_ps_scaled_24` - FLOOR(`_ps_scaled_24`) - 0.5e0) > `_ps_scaled_24` * 9.094947017729282e-13 AS `_ps_plain_25`,
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
    CASE
      WHEN `_ps_abs_54` >= 100.0e0
      THEN 1000000000000e0
      WHEN `_ps_abs_54` >= 10.0e0
      THEN 10000000000000e0
      WHEN `_ps_abs_54` >= 1.0e0
      THEN 100000000000000e0
      WHEN `_ps_abs_54` >= 0.1e0
      THEN 1000000000000000e0
      WHEN `_ps_abs_54` >= 0.01e0
      THEN 1e+16
    END AS `_ps_pow_55`,
    CASE WHEN `_ps_plain_65` THEN NULL ELSE `_ps_abs_63` END AS `_ps_abs_66`,
    134217729.0e0 * `_ps_abs_42` - (
      134217729.0e0 * `_ps_abs_42` - `_ps_abs_42`
    ) AS `_ps_same_110`,
    134217729.0e0 * `_ps_abs_54` - (
      134217729.0e0 * `_ps_abs_54` - `_ps_abs_54`
    ) AS `_ps_same_112`
  FROM _ps_layer_6
), _ps_layer_8 AS (
  SELECT
    *,
    CASE WHEN `_ps_plain_13` THEN NULL ELSE `_ps_abs_11` END AS `_ps_abs_14`,
    CASE WHEN `_ps_plain_25` THEN NULL ELSE `_ps_abs_23` END AS `_ps_abs_26`,
    `_ps_abs_42` * `_ps_pow_43` AS `_ps_p_44`,
    `_ps_abs_54` * `_ps_pow_55` AS `_ps_p_56`,
    CASE
      WHEN `_ps_abs_66` >= 10.0e0
      THEN 10000000000000e0
      WHEN `_ps_abs_66` >= 1.0e0
      THEN 100000000000000e0
      WHEN `_ps_abs_66` >= 0.1e0
      THEN 1000000000000000e0
      WHEN `_ps_abs_66` >= 0.01e0
      THEN 1e+16
    END AS `_ps_pow_67`,
    `_ps_abs_42` - (
      `_ps_same_110`
    ) AS `_ps_same_101`,
    `_ps_abs_54` - (
      `_ps_same_112`
    ) AS `_ps_same_103`,
    134217729.0e0 * `_ps_pow_43` - (
      134217729.0e0 * `_ps_pow_43` - `_ps_pow_43`
    ) AS `_ps_same_111`,
    134217729.0e0 * `_ps_pow_55` - (
      134217729.0e0 * `_ps_pow_55` - `_ps_pow_55`
    ) AS `_ps_same_113`,
    134217729.0e0 * `_ps_abs_66` - (
      134217729.0e0 * `_ps_abs_66` - `_ps_abs_66`
    ) AS `_ps_same_114`
  FROM _ps_layer_7
), _ps_layer_9 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_abs_14` >= 100.0e0
      THEN 1000000000000e0
      WHEN `_ps_abs_14` >= 10.0e0
      THEN 10000000000000e0
      WHEN `_ps_abs_14` >= 1.0e0
      THEN 100000000000000e0
      WHEN `_ps_abs_14` >= 0.1e0
      THEN 1000000000000000e0
      WHEN `_ps_abs_14` >= 0.01e0
      THEN 1e+16
    END AS `_ps_pow_15`,
    CASE
      WHEN `_ps_abs_26` >= 100.0e0
      THEN 1000000000000e0
      WHEN `_ps_abs_26` >= 10.0e0
      THEN 10000000000000e0
      WHEN `_ps_abs_26` >= 1.0e0
      THEN 100000000000000e0
      WHEN `_ps_abs_26` >= 0.1e0
      THEN 1000000000000000e0
      WHEN `_ps_abs_26` >= 0.01e0
      THEN 1e+16
    END AS `_ps_pow_27`,
    `_ps_abs_66` * `_ps_pow_67` AS `_ps_p_68`,
    `_ps_pow_43` - (
      `_ps_same_111`
    ) AS `_ps_same_100`,
    `_ps_pow_55` - (
      `_ps_same_113`
    ) AS `_ps_same_102`,
    `_ps_abs_66` - (
      `_ps_same_114`
    ) AS `_ps_same_105`,
    134217729.0e0 * `_ps_abs_14` - (
      134217729.0e0 * `_ps_abs_14` - `_ps_abs_14`
    ) AS `_ps_same_106`,
    134217729.0e0 * `_ps_abs_26` - (
      134217729.0e0 * `_ps_abs_26` - `_ps_abs_26`
    ) AS `_ps_same_108`,
    134217729.0e0 * `_ps_pow_67` - (
      134217729.0e0 * `_ps_pow_67` - `_ps_pow_67`
    ) AS `_ps_same_115`
  FROM _ps_layer_8
), _ps_layer_10 AS (
  SELECT
    *,
    `_ps_abs_14` * `_ps_pow_15` AS `_ps_p_16`,
    `_ps_abs_26` * `_ps_pow_27` AS `_ps_p_28`,
    (
      (
        (
          `_ps_same_110`
        ) * (
          `_ps_same_111`
        ) - (
          `_ps_abs_42` * `_ps_pow_43`
        )
      ) + (
        `_ps_same_110`
      ) * (
        `_ps_same_100`
      ) + (
        `_ps_same_101`
      ) * (
        `_ps_same_111`
      )
    ) + (
      `_ps_same_101`
    ) * (
      `_ps_same_100`
    ) AS `_ps_e_45`,
    (
      (
        (
          `_ps_same_112`
        ) * (
          `_ps_same_113`
        ) - (
          `_ps_abs_54` * `_ps_pow_55`
        )
      ) + (
        `_ps_same_112`
      ) * (
        `_ps_same_102`
      ) + (
        `_ps_same_103`
      ) * (
        `_ps_same_113`
      )
    ) + (
      `_ps_same_103`
    ) * (
      `_ps_same_102`
    ) AS `_ps_e_57`,
    `_ps_abs_14` - (
      `_ps_same_106`
    ) AS `_ps_same_97`,
    `_ps_abs_26` - (
      `_ps_same_108`
    ) AS `_ps_same_99`,
    `_ps_pow_67` - (
      `_ps_same_115`
    ) AS `_ps_same_104`,
    134217729.0e0 * `_ps_pow_15` - (
      134217729.0e0 * `_ps_pow_15` - `_ps_pow_15`
    ) AS `_ps_same_107`,
    134217729.0e0 * `_ps_pow_27` - (
      134217729.0e0 * `_ps_pow_27` - `_ps_pow_27`
    ) AS `_ps_same_109`
  FROM _ps_layer_9
), _ps_layer_11 AS (
  SELECT
    *,
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
    CASE
      WHEN (
        `_ps_p_56` - FLOOR(`_ps_p_56`)
      ) > 0.5e0
      OR (
        (
          `_ps_p_56` - FLOOR(`_ps_p_56`)
        ) = 0.5e0 AND `_ps_e_57` > 0e0
      )
      THEN FLOOR(`_ps_p_56`) + 1e0
      WHEN (
        (
          `_ps_p_56` - FLOOR(`_ps_p_56`)
        ) = 0.5e0 AND `_ps_e_57` = 0e0
      )
      AND MOD(FLOOR(`_ps_p_56`), 2e0) <> 0e0
      THEN FLOOR(`_ps_p_56`) + 1e0
      ELSE FLOOR(`_ps_p_56`)
    END AS `_ps_digits_58`,
    (
      (
        (
          `_ps_same_114`
        ) * (
          `_ps_same_115`
        ) - (
          `_ps_abs_66` * `_ps_pow_67`
        )
      ) + (
        `_ps_same_114`
      ) * (
        `_ps_same_104`
      ) + (
        `_ps_same_105`
      ) * (
        `_ps_same_115`
      )
    ) + (
      `_ps_same_105`
    ) * (
      `_ps_same_104`
    ) AS `_ps_e_69`,
    `_ps_pow_15` - (
      `_ps_same_107`
    ) AS `_ps_same_96`,
    `_ps_pow_27` - (
      `_ps_same_109`
    ) AS `_ps_same_98`
  FROM _ps_layer_10
), _ps_layer_12 AS (
  SELECT
    *,
    (
      (
        (
          `_ps_same_106`
        ) * (
          `_ps_same_107`
        ) - (
          `_ps_abs_14` * `_ps_pow_15`
        )
      ) + (
        `_ps_same_106`
      ) * (
        `_ps_same_96`
      ) + (
        `_ps_same_97`
      ) * (
        `_ps_same_107`
      )
    ) + (
      `_ps_same_97`
    ) * (
      `_ps_same_96`
    ) AS `_ps_e_17`,
    (
      (
        (
          `_ps_same_108`
        ) * (
          `_ps_same_109`
        ) - (
          `_ps_abs_26` * `_ps_pow_27`
        )
      ) + (
        `_ps_same_108`
      ) * (
        `_ps_same_98`
      ) + (
        `_ps_same_99`
      ) * (
        `_ps_same_109`
      )
    ) + (
      `_ps_same_99`
    ) * (
      `_ps_same_98`
    ) AS `_ps_e_29`,
    CASE
      WHEN `_ps_plain_41`
      THEN FLOOR(`_ps_scaled_40` + 0.5e0)
      ELSE CASE
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
      END
    END AS `_ps_units_47`,
    CASE
      WHEN `_ps_plain_53`
      THEN FLOOR(`_ps_scaled_52` + 0.5e0)
      ELSE CASE
        WHEN (
          `_ps_pow_55`
        ) IS NULL
        THEN 0e0
        ELSE CASE
          WHEN `_ps_pow_55` = 1000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_58` + 50000000000e0
            ) / 100000000000e0) * 100000000000e0 > (
              `_ps_digits_58` + 50000000000e0
            )
            THEN FLOOR((
              `_ps_digits_58` + 50000000000e0
            ) / 100000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_58` + 50000000000e0
            ) / 100000000000e0)
          END
          WHEN `_ps_pow_55` = 10000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_58` + 500000000000e0
            ) / 1000000000000e0) * 1000000000000e0 > (
              `_ps_digits_58` + 500000000000e0
            )
            THEN FLOOR((
              `_ps_digits_58` + 500000000000e0
            ) / 1000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_58` + 500000000000e0
            ) / 1000000000000e0)
          END
          WHEN `_ps_pow_55` = 100000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_58` + 5000000000000e0
            ) / 10000000000000e0) * 10000000000000e0 > (
              `_ps_digits_58` + 5000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_58` + 5000000000000e0
            ) / 10000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_58` + 5000000000000e0
            ) / 10000000000000e0)
          END
          WHEN `_ps_pow_55` = 1000000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_58` + 50000000000000e0
            ) / 100000000000000e0) * 100000000000000e0 > (
              `_ps_digits_58` + 50000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_58` + 50000000000000e0
            ) / 100000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_58` + 50000000000000e0
            ) / 100000000000000e0)
          END
          WHEN `_ps_pow_55` = 1e+16
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_58` + 500000000000000e0
            ) / 1000000000000000e0) * 1000000000000000e0 > (
              `_ps_digits_58` + 500000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_58` + 500000000000000e0
            ) / 1000000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_58` + 500000000000000e0
            ) / 1000000000000000e0)
          END
        END
      END
    END AS `_ps_units_59`,
    CASE
      WHEN (
        `_ps_p_68` - FLOOR(`_ps_p_68`)
      ) > 0.5e0
      OR (
        (
          `_ps_p_68` - FLOOR(`_ps_p_68`)
        ) = 0.5e0 AND `_ps_e_69` > 0e0
      )
      THEN FLOOR(`_ps_p_68`) + 1e0
      WHEN (
        (
          `_ps_p_68` - FLOOR(`_ps_p_68`)
        ) = 0.5e0 AND `_ps_e_69` = 0e0
      )
      AND MOD(FLOOR(`_ps_p_68`), 2e0) <> 0e0
      THEN FLOOR(`_ps_p_68`) + 1e0
      ELSE FLOOR(`_ps_p_68`)
    END AS `_ps_digits_70`
  FROM _ps_layer_11
), _ps_layer_13 AS (
  SELECT
    *,
    CASE
      WHEN (
        `_ps_p_16` - FLOOR(`_ps_p_16`)
      ) > 0.5e0
      OR (
        (
          `_ps_p_16` - FLOOR(`_ps_p_16`)
        ) = 0.5e0 AND `_ps_e_17` > 0e0
      )
      THEN FLOOR(`_ps_p_16`) + 1e0
      WHEN (
        (
          `_ps_p_16` - FLOOR(`_ps_p_16`)
        ) = 0.5e0 AND `_ps_e_17` = 0e0
      )
      AND MOD(FLOOR(`_ps_p_16`), 2e0) <> 0e0
      THEN FLOOR(`_ps_p_16`) + 1e0
      ELSE FLOOR(`_ps_p_16`)
    END AS `_ps_digits_18`,
    CASE
      WHEN (
        `_ps_p_28` - FLOOR(`_ps_p_28`)
      ) > 0.5e0
      OR (
        (
          `_ps_p_28` - FLOOR(`_ps_p_28`)
        ) = 0.5e0 AND `_ps_e_29` > 0e0
      )
      THEN FLOOR(`_ps_p_28`) + 1e0
      WHEN (
        (
          `_ps_p_28` - FLOOR(`_ps_p_28`)
        ) = 0.5e0 AND `_ps_e_29` = 0e0
      )
      AND MOD(FLOOR(`_ps_p_28`), 2e0) <> 0e0
      THEN FLOOR(`_ps_p_28`) + 1e0
      ELSE FLOOR(`_ps_p_28`)
    END AS `_ps_digits_30`,
    CASE
      WHEN `_ps_x_38` IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_units_47` > 0e0
        THEN CASE WHEN `_ps_x_38` < 0e0 THEN -`_ps_units_47` ELSE `_ps_units_47` END
        ELSE 0e0
      END
    END AS `_ps_units3_48`,
    CASE
      WHEN `_ps_x_50` IS NULL
      THEN 50e0
      ELSE CASE
        WHEN `_ps_units_59` > 0e0
        THEN CASE WHEN `_ps_x_50` < 0e0 THEN -`_ps_units_59` ELSE `_ps_units_59` END
        ELSE 0e0
      END
    END AS `_ps_units4_60`,
    CASE
      WHEN `_ps_plain_65`
      THEN FLOOR(`_ps_scaled_64` + 0.5e0)
      ELSE CASE
        WHEN (
          `_ps_pow_67`
        ) IS NULL
        THEN 0e0
        ELSE CASE
          WHEN `_ps_pow_67` = 10000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_70` + 500000000000e0
            ) / 1000000000000e0) * 1000000000000e0 > (
              `_ps_digits_70` + 500000000000e0
            )
            THEN FLOOR((
              `_ps_digits_70` + 500000000000e0
            ) / 1000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_70` + 500000000000e0
            ) / 1000000000000e0)
          END
          WHEN `_ps_pow_67` = 100000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_70` + 5000000000000e0
            ) / 10000000000000e0) * 10000000000000e0 > (
              `_ps_digits_70` + 5000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_70` + 5000000000000e0
            ) / 10000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_70` + 5000000000000e0
            ) / 10000000000000e0)
          END
          WHEN `_ps_pow_67` = 1000000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_70` + 50000000000000e0
            ) / 100000000000000e0) * 100000000000000e0 > (
              `_ps_digits_70` + 50000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_70` + 50000000000000e0
            ) / 100000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_70` + 50000000000000e0
            ) / 100000000000000e0)
          END
          WHEN `_ps_pow_67` = 1e+16
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_70` + 500000000000000e0
            ) / 1000000000000000e0) * 1000000000000000e0 > (
              `_ps_digits_70` + 500000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_70` + 500000000000000e0
            ) / 1000000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_70` + 500000000000000e0
            ) / 1000000000000000e0)
          END
        END
      END
    END AS `_ps_units_71`
  FROM _ps_layer_12
), _ps_layer_14 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_plain_13`
      THEN FLOOR(`_ps_scaled_12` + 0.5e0)
      ELSE CASE
        WHEN (
          `_ps_pow_15`
        ) IS NULL
        THEN 0e0
        ELSE CASE
          WHEN `_ps_pow_15` = 1000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_18` + 50000000000e0
            ) / 100000000000e0) * 100000000000e0 > (
              `_ps_digits_18` + 50000000000e0
            )
            THEN FLOOR((
              `_ps_digits_18` + 50000000000e0
            ) / 100000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_18` + 50000000000e0
            ) / 100000000000e0)
          END
          WHEN `_ps_pow_15` = 10000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_18` + 500000000000e0
            ) / 1000000000000e0) * 1000000000000e0 > (
              `_ps_digits_18` + 500000000000e0
            )
            THEN FLOOR((
              `_ps_digits_18` + 500000000000e0
            ) / 1000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_18` + 500000000000e0
            ) / 1000000000000e0)
          END
          WHEN `_ps_pow_15` = 100000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_18` + 5000000000000e0
            ) / 10000000000000e0) * 10000000000000e0 > (
              `_ps_digits_18` + 5000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_18` + 5000000000000e0
            ) / 10000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_18` + 5000000000000e0
            ) / 10000000000000e0)
          END
          WHEN `_ps_pow_15` = 1000000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_18` + 50000000000000e0
            ) / 100000000000000e0) * 100000000000000e0 > (
              `_ps_digits_18` + 50000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_18` + 50000000000000e0
            ) / 100000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_18` + 50000000000000e0
            ) / 100000000000000e0)
          END
          WHEN `_ps_pow_15` = 1e+16
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_18` + 500000000000000e0
            ) / 1000000000000000e0) * 1000000000000000e0 > (
              `_ps_digits_18` + 500000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_18` + 500000000000000e0
            ) / 1000000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_18` + 500000000000000e0
            ) / 1000000000000000e0)
          END
        END
      END
    END AS `_ps_units_19`,
    CASE
      WHEN `_ps_plain_25`
      THEN FLOOR(`_ps_scaled_24` + 0.5e0)
      ELSE CASE
        WHEN (
          `_ps_pow_27`
        ) IS NULL
        THEN 0e0
        ELSE CASE
          WHEN `_ps_pow_27` = 1000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_30` + 50000000000e0
            ) / 100000000000e0) * 100000000000e0 > (
              `_ps_digits_30` + 50000000000e0
            )
            THEN FLOOR((
              `_ps_digits_30` + 50000000000e0
            ) / 100000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_30` + 50000000000e0
            ) / 100000000000e0)
          END
          WHEN `_ps_pow_27` = 10000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_30` + 500000000000e0
            ) / 1000000000000e0) * 1000000000000e0 > (
              `_ps_digits_30` + 500000000000e0
            )
            THEN FLOOR((
              `_ps_digits_30` + 500000000000e0
            ) / 1000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_30` + 500000000000e0
            ) / 1000000000000e0)
          END
          WHEN `_ps_pow_27` = 100000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_30` + 5000000000000e0
            ) / 10000000000000e0) * 10000000000000e0 > (
              `_ps_digits_30` + 5000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_30` + 5000000000000e0
            ) / 10000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_30` + 5000000000000e0
            ) / 10000000000000e0)
          END
          WHEN `_ps_pow_27` = 1000000000000000e0
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_30` + 50000000000000e0
            ) / 100000000000000e0) * 100000000000000e0 > (
              `_ps_digits_30` + 50000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_30` + 50000000000000e0
            ) / 100000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_30` + 50000000000000e0
            ) / 100000000000000e0)
          END
          WHEN `_ps_pow_27` = 1e+16
          THEN CASE
            WHEN FLOOR((
              `_ps_digits_30` + 500000000000000e0
            ) / 1000000000000000e0) * 1000000000000000e0 > (
              `_ps_digits_30` + 500000000000000e0
            )
            THEN FLOOR((
              `_ps_digits_30` + 500000000000000e0
            ) / 1000000000000000e0) - 1e0
            ELSE FLOOR((
              `_ps_digits_30` + 500000000000000e0
            ) / 1000000000000000e0)
          END
        END
      END
    END AS `_ps_units_31`,
    CASE
      WHEN `_ps_x_62` IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_units_71` > 0e0
        THEN CASE WHEN `_ps_x_62` < 0e0 THEN -`_ps_units_71` ELSE `_ps_units_71` END
        ELSE 0e0
      END
    END AS `_ps_units5_72`
  FROM _ps_layer_13
), _ps_layer_15 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_x_10` IS NULL
      THEN 0e0
      ELSE CASE
        WHEN `_ps_units_19` > 0e0
        THEN CASE WHEN `_ps_x_10` < 0e0 THEN -`_ps_units_19` ELSE `_ps_units_19` END
        ELSE 0e0
      END
    END AS `_ps_units0_20`,
    CASE
      WHEN `_ps_x_22` IS NULL
      THEN 50e0
      ELSE CASE
        WHEN `_ps_units_31` > 0e0
        THEN CASE WHEN `_ps_x_22` < 0e0 THEN -`_ps_units_31` ELSE `_ps_units_31` END
        ELSE 0e0
      END
    END AS `_ps_units1_32`
  FROM _ps_layer_14
), _ps_layer_16 AS (
  SELECT
    *,
    0e0 + `_ps_units0_20` + `_ps_units1_32` + `_ps_units2_36` + `_ps_units3_48` + `_ps_units4_60` + `_ps_units5_72` AS `_ps_factor_units_77`,
    CASE
      WHEN (
        300e0 - `_ps_units0_20`
      ) > 0e0
      THEN (
        300e0 - `_ps_units0_20`
      ) * 16e0 + 15e0
      ELSE CAST(-1 AS FLOAT64)
    END AS `_ps_lost0_81`,
    CASE
      WHEN (
        250e0 - `_ps_units1_32`
      ) > 0e0
      THEN (
        250e0 - `_ps_units1_32`
      ) * 16e0 + 14e0
      ELSE CAST(-1 AS FLOAT64)
    END AS `_ps_lost1_82`,
    CASE
      WHEN (
        200e0 - `_ps_units2_36`
      ) > 0e0
      THEN (
        200e0 - `_ps_units2_36`
      ) * 16e0 + 13e0
      ELSE CAST(-1 AS FLOAT64)
    END AS `_ps_lost2_83`,
    CASE
      WHEN (
        100e0 - `_ps_units3_48`
      ) > 0e0
      THEN (
        100e0 - `_ps_units3_48`
      ) * 16e0 + 12e0
      ELSE CAST(-1 AS FLOAT64)
    END AS `_ps_lost3_84`,
    CASE
      WHEN (
        100e0 - `_ps_units4_60`
      ) > 0e0
      THEN (
        100e0 - `_ps_units4_60`
      ) * 16e0 + 11e0
      ELSE CAST(-1 AS FLOAT64)
    END AS `_ps_lost4_85`,
    CASE
      WHEN (
        50e0 - `_ps_units5_72`
      ) > 0e0
      THEN (
        50e0 - `_ps_units5_72`
      ) * 16e0 + 9e0
      ELSE CAST(-1 AS FLOAT64)
    END AS `_ps_lost5_86`,
    CASE
      WHEN (
        `_ps_same_116`
      ) > 0e0
      THEN (
        `_ps_same_116`
      ) * 16e0 + 8e0
      ELSE CAST(-1 AS FLOAT64)
    END AS `_ps_lost6_87`,
    CASE
      WHEN (
        `_ps_same_117`
      ) > 0e0
      THEN (
        `_ps_same_117`
      ) * 16e0 + 10e0
      ELSE CAST(-1 AS FLOAT64)
    END AS `_ps_lost7_88`
  FROM _ps_layer_15
), _ps_layer_17 AS (
  SELECT
    *,
    `_ps_factor_units_77` + CASE WHEN `_ps_adj_73` IS TRUE THEN 80e0 ELSE 0e0 END + CASE WHEN `_ps_adj_74` IS TRUE THEN CAST(-50 AS FLOAT64) ELSE 0e0 END + CASE WHEN `_ps_adj_75` IS TRUE THEN 20e0 ELSE 0e0 END + CASE WHEN `_ps_adj_76` IS TRUE THEN CAST(-100 AS FLOAT64) ELSE 0e0 END AS `_ps_raw_units_78`,
    GREATEST(
      `_ps_lost0_81`,
      `_ps_lost1_82`,
      `_ps_lost2_83`,
      `_ps_lost3_84`,
      `_ps_lost4_85`,
      `_ps_lost5_86`,
      `_ps_lost6_87`,
      `_ps_lost7_88`
    ) AS `_ps_top0_89`
  FROM _ps_layer_16
), _ps_layer_18 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_raw_units_78` > 1000e0
      THEN 1000e0
      ELSE CASE WHEN `_ps_raw_units_78` < 0e0 THEN 0e0 ELSE `_ps_raw_units_78` END
    END AS `_ps_total_79`,
    GREATEST(
      CASE
        WHEN `_ps_lost0_81` < `_ps_top0_89`
        THEN `_ps_lost0_81`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost1_82` < `_ps_top0_89`
        THEN `_ps_lost1_82`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost2_83` < `_ps_top0_89`
        THEN `_ps_lost2_83`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost3_84` < `_ps_top0_89`
        THEN `_ps_lost3_84`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost4_85` < `_ps_top0_89`
        THEN `_ps_lost4_85`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost5_86` < `_ps_top0_89`
        THEN `_ps_lost5_86`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost6_87` < `_ps_top0_89`
        THEN `_ps_lost6_87`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost7_88` < `_ps_top0_89`
        THEN `_ps_lost7_88`
        ELSE CAST(-1 AS FLOAT64)
      END
    ) AS `_ps_top1_90`
  FROM _ps_layer_17
), _ps_layer_19 AS (
  SELECT
    *,
    CASE
      WHEN `_ps_total_79` >= 600e0
      THEN 'cornerstone'
      WHEN `_ps_total_79` >= 450e0
      THEN 'valued'
      WHEN `_ps_total_79` >= 300e0
      THEN 'developing'
      WHEN `_ps_total_79` >= 0e0
      THEN 'peripheral'
      ELSE CAST(NULL AS STRING)
    END AS `_ps_tier_80`,
    GREATEST(
      CASE
        WHEN `_ps_lost0_81` < `_ps_top1_90`
        THEN `_ps_lost0_81`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost1_82` < `_ps_top1_90`
        THEN `_ps_lost1_82`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost2_83` < `_ps_top1_90`
        THEN `_ps_lost2_83`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost3_84` < `_ps_top1_90`
        THEN `_ps_lost3_84`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost4_85` < `_ps_top1_90`
        THEN `_ps_lost4_85`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost5_86` < `_ps_top1_90`
        THEN `_ps_lost5_86`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost6_87` < `_ps_top1_90`
        THEN `_ps_lost6_87`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost7_88` < `_ps_top1_90`
        THEN `_ps_lost7_88`
        ELSE CAST(-1 AS FLOAT64)
      END
    ) AS `_ps_top2_91`
  FROM _ps_layer_18
), _ps_layer_20 AS (
  SELECT
    *,
    GREATEST(
      CASE
        WHEN `_ps_lost0_81` < `_ps_top2_91`
        THEN `_ps_lost0_81`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost1_82` < `_ps_top2_91`
        THEN `_ps_lost1_82`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost2_83` < `_ps_top2_91`
        THEN `_ps_lost2_83`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost3_84` < `_ps_top2_91`
        THEN `_ps_lost3_84`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost4_85` < `_ps_top2_91`
        THEN `_ps_lost4_85`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost5_86` < `_ps_top2_91`
        THEN `_ps_lost5_86`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost6_87` < `_ps_top2_91`
        THEN `_ps_lost6_87`
        ELSE CAST(-1 AS FLOAT64)
      END,
      CASE
        WHEN `_ps_lost7_88` < `_ps_top2_91`
        THEN `_ps_lost7_88`
        ELSE CAST(-1 AS FLOAT64)
      END
    ) AS `_ps_top3_92`
  FROM _ps_layer_19
), _ps_layer_21 AS (
  SELECT
    *,
    ARRAY_CONCAT(
      CASE
        WHEN `_ps_top0_89` >= 16e0
        THEN CASE
          WHEN `_ps_top0_89` = `_ps_lost0_81`
          THEN ['lifetime_value']
          WHEN `_ps_top0_89` = `_ps_lost1_82`
          THEN ['feedback_value']
          WHEN `_ps_top0_89` = `_ps_lost2_83`
          THEN ['engagement']
          WHEN `_ps_top0_89` = `_ps_lost3_84`
          THEN ['innovation_partnership']
          WHEN `_ps_top0_89` = `_ps_lost4_85`
          THEN ['satisfaction']
          WHEN `_ps_top0_89` = `_ps_lost5_86`
          THEN ['longevity']
          WHEN `_ps_top0_89` = `_ps_lost6_87`
          THEN ['big_but_silent']
          WHEN `_ps_top0_89` = `_ps_lost7_88`
          THEN ['churned_recently']
          ELSE ARRAY<STRING>[]
        END
        ELSE ARRAY<STRING>[]
      END,
      CASE
        WHEN `_ps_top1_90` >= 16e0
        THEN CASE
          WHEN `_ps_top1_90` = `_ps_lost0_81`
          THEN ['lifetime_value']
          WHEN `_ps_top1_90` = `_ps_lost1_82`
          THEN ['feedback_value']
          WHEN `_ps_top1_90` = `_ps_lost2_83`
          THEN ['engagement']
          WHEN `_ps_top1_90` = `_ps_lost3_84`
          THEN ['innovation_partnership']
          WHEN `_ps_top1_90` = `_ps_lost4_85`
          THEN ['satisfaction']
          WHEN `_ps_top1_90` = `_ps_lost5_86`
          THEN ['longevity']
          WHEN `_ps_top1_90` = `_ps_lost6_87`
          THEN ['big_but_silent']
          WHEN `_ps_top1_90` = `_ps_lost7_88`
          THEN ['churned_recently']
          ELSE ARRAY<STRING>[]
        END
        ELSE ARRAY<STRING>[]
      END,
      CASE
        WHEN `_ps_top2_91` >= 16e0
        THEN CASE
          WHEN `_ps_top2_91` = `_ps_lost0_81`
          THEN ['lifetime_value']
          WHEN `_ps_top2_91` = `_ps_lost1_82`
          THEN ['feedback_value']
          WHEN `_ps_top2_91` = `_ps_lost2_83`
          THEN ['engagement']
          WHEN `_ps_top2_91` = `_ps_lost3_84`
          THEN ['innovation_partnership']
          WHEN `_ps_top2_91` = `_ps_lost4_85`
          THEN ['satisfaction']
          WHEN `_ps_top2_91` = `_ps_lost5_86`
          THEN ['longevity']
          WHEN `_ps_top2_91` = `_ps_lost6_87`
          THEN ['big_but_silent']
          WHEN `_ps_top2_91` = `_ps_lost7_88`
          THEN ['churned_recently']
          ELSE ARRAY<STRING>[]
        END
        ELSE ARRAY<STRING>[]
      END,
      CASE
        WHEN `_ps_top3_92` >= 16e0
        THEN CASE
          WHEN `_ps_top3_92` = `_ps_lost0_81`
          THEN ['lifetime_value']
          WHEN `_ps_top3_92` = `_ps_lost1_82`
          THEN ['feedback_value']
          WHEN `_ps_top3_92` = `_ps_lost2_83`
          THEN ['engagement']
          WHEN `_ps_top3_92` = `_ps_lost3_84`
          THEN ['innovation_partnership']
          WHEN `_ps_top3_92` = `_ps_lost4_85`
          THEN ['satisfaction']
          WHEN `_ps_top3_92` = `_ps_lost5_86`
          THEN ['longevity']
          WHEN `_ps_top3_92` = `_ps_lost6_87`
          THEN ['big_but_silent']
          WHEN `_ps_top3_92` = `_ps_lost7_88`
          THEN ['churned_recently']
          ELSE ARRAY<STRING>[]
        END
        ELSE ARRAY<STRING>[]
      END
    ) AS `_ps_reasons_93`
  FROM _ps_layer_20
)
SELECT
  `_ps_id` AS `id`,
  CASE WHEN NOT `_ps_fallback_94` THEN `_ps_eligible` ELSE NULL END AS `eligible`,
  CASE
    WHEN NOT `_ps_fallback_94` AND `_ps_eligible`
    THEN `_ps_total_79` / 10e0
    ELSE NULL
  END AS `score`,
  CASE WHEN NOT `_ps_fallback_94` AND `_ps_eligible` THEN `_ps_tier_80` ELSE NULL END AS `tier`,
  CASE
    WHEN NOT `_ps_fallback_94` AND `_ps_eligible`
    THEN `_ps_units0_20` / 10e0
    ELSE NULL
  END AS `points_lifetime_value`,
  CASE
    WHEN NOT `_ps_fallback_94` AND `_ps_eligible`
    THEN `_ps_units1_32` / 10e0
    ELSE NULL
  END AS `points_feedback_value`,
  CASE
    WHEN NOT `_ps_fallback_94` AND `_ps_eligible`
    THEN `_ps_units2_36` / 10e0
    ELSE NULL
  END AS `points_engagement`,
  CASE
    WHEN NOT `_ps_fallback_94` AND `_ps_eligible`
    THEN `_ps_units3_48` / 10e0
    ELSE NULL
  END AS `points_innovation_partnership`,
  CASE
    WHEN NOT `_ps_fallback_94` AND `_ps_eligible`
    THEN `_ps_units4_60` / 10e0
    ELSE NULL
  END AS `points_satisfaction`,
  CASE
    WHEN NOT `_ps_fallback_94` AND `_ps_eligible`
    THEN `_ps_units5_72` / 10e0
    ELSE NULL
  END AS `points_longevity`,
  CASE
    WHEN NOT `_ps_fallback_94` AND `_ps_eligible`
    THEN (
      `_ps_raw_units_78` - `_ps_factor_units_77`
    ) / 10e0
    ELSE NULL
  END AS `adjustment_points`,
  CASE
    WHEN NOT `_ps_fallback_94`
    THEN ARRAY_CONCAT(
      CASE WHEN `_ps_filter_7` IS TRUE THEN ARRAY<STRING>[] ELSE ['current_or_recent'] END,
      CASE WHEN `_ps_filter_8` IS TRUE THEN ARRAY<STRING>[] ELSE ['real_customer'] END
    )
    ELSE NULL
  END AS `failed_filters`,
  CASE
    WHEN NOT `_ps_fallback_94` AND `_ps_eligible`
    THEN `_ps_reasons_93`
    WHEN NOT `_ps_fallback_94`
    THEN ARRAY_CONCAT(
      CASE WHEN `_ps_filter_7` IS TRUE THEN ARRAY<STRING>[] ELSE ['current_or_recent'] END,
      CASE WHEN `_ps_filter_8` IS TRUE THEN ARRAY<STRING>[] ELSE ['real_customer'] END
    )
    ELSE NULL
  END AS `reasons`
FROM _ps_layer_21

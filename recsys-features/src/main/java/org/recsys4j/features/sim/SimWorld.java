package org.recsys4j.features.sim;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.recsys4j.features.logs.DeviceType;
import org.recsys4j.features.logs.Exposure;

/**
 * The static part of a simulated market: users, items, categories and their latent factors, in
 * primitive arrays. Latent draws are standard normal and scaled at use, so that changing an effect
 * size in the config leaves the world (the random draws) unchanged.
 */
final class SimWorld {
  private static final double[] DEVICE_WEIGHTS = {0.55, 0.25, 0.20}; // APP, MOBILE_WEB, DESKTOP
  private static final double PRICE_BASE = 5.0;
  private static final double PRICE_RATIO = 1.6;

  final FunnelSimulatorConfig cfg;
  final int numUsers;
  final int numItems;
  final int numCategories;
  final int kAff;
  final int kItem;

  // categories
  final double[] catAff; // [numCategories * kAff]
  final double[] hourCategory; // [24 * numCategories], already scaled

  /** [devices * 6 * numCategories], already scaled; from its own stream, so 0 changes nothing. */
  final double[] contextTriple;

  // items
  final int[] itemCategory;
  final int[] itemPriceBucket;
  final double[] itemPrice;
  final double[] itemPop; // scaled by itemPopularitySd
  final double[] itemQuality; // scaled by itemQualitySd
  final double[] itemVec; // [numItems * kItem]
  final double[] popCdf; // over all items, weight exp(rankerPopularityExponent * pop)
  final int[] catStart; // CSR: items of category c are catItems[catStart[c] .. catStart[c+1])
  final int[] catItems;
  final double[] catCdf; // aligned with catItems, cumulative within each category, ends at 1
  // users
  final double[] userAff; // [numUsers * kAff], drifts over days when interestDriftPerDay > 0
  final double[] userVec; // [numUsers * kItem]
  final double[] priceSensitivity;
  final double[] activity; // mean 1
  final DeviceType[] primaryDevice;
  final int[] joinDay; // first active day; Integer.MIN_VALUE for users present from the start
  final int[] topCategories; // [numUsers * rankerTopCategories], from the initial affinities

  private final double affNorm;
  private final double itemNorm;

  SimWorld(FunnelSimulatorConfig cfg) {
    this.cfg = cfg;
    numUsers = cfg.scale().numUsers();
    numItems = cfg.scale().numItems();
    numCategories = cfg.scale().numCategories();
    kAff = cfg.scale().affinityDim();
    kItem = cfg.scale().userItemDim();
    affNorm = cfg.click().affinityScale() / Math.sqrt(kAff);
    itemNorm = cfg.click().userItemScale() / Math.sqrt(kItem);
    SplittableRandom r = new SplittableRandom(RandomDraws.streamSeed(cfg.seed(), -1, -1));

    catAff = normals(r, numCategories * kAff, 1.0);
    hourCategory = normals(r, 24 * numCategories, cfg.click().hourCategorySd());
    contextTriple =
        normals(
            new SplittableRandom(RandomDraws.streamSeed(cfg.seed(), -2, -2)),
            DeviceType.values().length * 6 * numCategories,
            cfg.click().contextTripleSd());
    double[] catPriceLevel = normals(r, numCategories, 1.0);

    itemCategory = assignCategories(r);
    double[] priceLatent = new double[numItems];
    for (int i = 0; i < numItems; i++) {
      priceLatent[i] = 0.8 * catPriceLevel[itemCategory[i]] + 0.6 * RandomDraws.gaussian(r);
    }
    itemPriceBucket = rankBuckets(priceLatent);
    itemPrice = new double[numItems];
    for (int i = 0; i < numItems; i++) {
      double lo = PRICE_BASE * StrictMath.pow(PRICE_RATIO, itemPriceBucket[i]);
      itemPrice[i] = Math.round(lo * (1.0 + (PRICE_RATIO - 1.0) * r.nextDouble()) * 100.0) / 100.0;
    }
    itemPop = normals(r, numItems, cfg.click().itemPopularitySd());
    itemQuality = normals(r, numItems, cfg.conversion().itemQualitySd());
    itemVec = normals(r, numItems * kItem, 1.0);

    double[] weight = new double[numItems];
    for (int i = 0; i < numItems; i++) {
      weight[i] = StrictMath.exp(cfg.ranker().popularityExponent() * itemPop[i]);
    }
    popCdf = cumulative(weight);
    catStart = new int[numCategories + 1];
    for (int i = 0; i < numItems; i++) {
      catStart[itemCategory[i] + 1]++;
    }
    for (int c = 0; c < numCategories; c++) {
      catStart[c + 1] += catStart[c];
    }
    catItems = new int[numItems];
    int[] fill = Arrays.copyOf(catStart, numCategories);
    for (int i = 0; i < numItems; i++) {
      catItems[fill[itemCategory[i]]++] = i;
    }
    catCdf = new double[numItems];
    for (int c = 0; c < numCategories; c++) {
      double total = 0;
      for (int j = catStart[c]; j < catStart[c + 1]; j++) {
        total += weight[catItems[j]];
        catCdf[j] = total;
      }
      for (int j = catStart[c]; j < catStart[c + 1]; j++) {
        catCdf[j] /= total;
      }
    }

    userAff = normals(r, numUsers * kAff, 1.0);
    userVec = normals(r, numUsers * kItem, 1.0);
    priceSensitivity = new double[numUsers];
    activity = new double[numUsers];
    primaryDevice = new DeviceType[numUsers];
    joinDay = new int[numUsers];
    double sigma = cfg.schedule().activitySd();
    double[] deviceCdf = cumulative(DEVICE_WEIGHTS);
    for (int u = 0; u < numUsers; u++) {
      priceSensitivity[u] =
          cfg.conversion().priceSensitivityMean()
              + cfg.conversion().priceSensitivitySd() * RandomDraws.gaussian(r);
      activity[u] = StrictMath.exp(sigma * RandomDraws.gaussian(r) - 0.5 * sigma * sigma);
      primaryDevice[u] =
          DeviceType.values()[RandomDraws.searchCdf(deviceCdf, 0, 3, r.nextDouble())];
      boolean isNew = r.nextDouble() < cfg.scale().newUserFraction();
      int day = r.nextInt(cfg.schedule().numDays());
      joinDay[u] = isNew ? day : Integer.MIN_VALUE;
    }
    topCategories = computeTopCategories(cfg.ranker().topCategories());
  }

  /** Scaled user-category affinity {@code affinityScale * (u . c) / sqrt(affinityDim)}. */
  double affinity(int user, int category) {
    double s = 0;
    int ou = user * kAff;
    int oc = category * kAff;
    for (int k = 0; k < kAff; k++) {
      s += userAff[ou + k] * catAff[oc + k];
    }
    return affNorm * s;
  }

  /** Scaled user-item interaction {@code userItemScale * (w . v) / sqrt(userItemDim)}. */
  double userItem(int user, int item) {
    double s = 0;
    int ou = user * kItem;
    int oi = item * kItem;
    for (int k = 0; k < kItem; k++) {
      s += userVec[ou + k] * itemVec[oi + k];
    }
    return itemNorm * s;
  }

  /** Applies one day of AR(1) drift {@code u <- sqrt(1-d^2) u + d z} to every user's affinity. */
  void drift(double d, long seed, int day) {
    double keep = Math.sqrt(1.0 - d * d);
    for (int u = 0; u < numUsers; u++) {
      SplittableRandom r = new SplittableRandom(RandomDraws.streamSeed(seed, day, -2L - u));
      int o = u * kAff;
      for (int k = 0; k < kAff; k++) {
        userAff[o + k] = keep * userAff[o + k] + d * RandomDraws.gaussian(r);
      }
    }
  }

  /** An item drawn by popularity weight over the whole catalogue. */
  int samplePopular(SplittableRandom r) {
    return RandomDraws.searchCdf(popCdf, 0, numItems, r.nextDouble() * popCdf[numItems - 1]);
  }

  /** An item of {@code category} drawn by popularity weight. */
  int sampleInCategory(int category, SplittableRandom r) {
    int j =
        RandomDraws.searchCdf(catCdf, catStart[category], catStart[category + 1], r.nextDouble());
    return catItems[j];
  }

  /** The device of one request: the user's primary device, or with probability 0.15 any device. */
  DeviceType device(int user, SplittableRandom r) {
    double x = r.nextDouble();
    return x < 0.15
        ? DeviceType.values()[r.nextInt(DeviceType.values().length)]
        : primaryDevice[user];
  }

  private int[] assignCategories(SplittableRandom r) {
    double[] w = new double[numCategories];
    for (int c = 0; c < numCategories; c++) {
      w[c] = 1.0 / StrictMath.pow(c + 1, cfg.scale().categoryZipfExponent());
    }
    double[] cdf = cumulative(w);
    int[] cat = new int[numItems];
    for (int i = 0; i < numItems; i++) {
      cat[i] =
          i < numCategories
              ? i
              : RandomDraws.searchCdf(
                  cdf, 0, numCategories, r.nextDouble() * cdf[numCategories - 1]);
    }
    return cat;
  }

  /** Buckets by rank, so the price buckets are (nearly) equally filled. */
  private static int[] rankBuckets(double[] latent) {
    int n = latent.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Double.compare(latent[a], latent[b]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    int[] bucket = new int[n];
    for (int rank = 0; rank < n; rank++) {
      bucket[order[rank]] = (int) ((long) rank * Exposure.NUM_PRICE_BUCKETS / n);
    }
    return bucket;
  }

  private int[] computeTopCategories(int top) {
    int[] out = new int[numUsers * top];
    double[] score = new double[numCategories];
    Integer[] idx = new Integer[numCategories];
    for (int u = 0; u < numUsers; u++) {
      for (int c = 0; c < numCategories; c++) {
        score[c] = affinity(u, c);
        idx[c] = c;
      }
      Arrays.sort(
          idx,
          (a, b) -> {
            int c = Double.compare(score[b], score[a]);
            return c != 0 ? c : Integer.compare(a, b);
          });
      for (int j = 0; j < top; j++) {
        out[u * top + j] = idx[j];
      }
    }
    return out;
  }

  private static double[] normals(SplittableRandom r, int n, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = scale * RandomDraws.gaussian(r);
    }
    return a;
  }

  private static double[] cumulative(double[] w) {
    double[] c = new double[w.length];
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i];
      c[i] = s;
    }
    return c;
  }
}

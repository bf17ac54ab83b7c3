package org.recsys4j.features.sim;

import java.util.Arrays;
import org.recsys4j.features.logs.ClickHistory;
import org.recsys4j.features.logs.DeviceType;
import org.recsys4j.features.logs.UserSegment;

/**
 * Column buffers for one generated day, reused across days. Rows are in generation order (user by
 * user, each user's requests in time order); the simulator sorts them by time when it writes the
 * logs. Times are milliseconds since the start of the day; -1 means "no click" / "no order".
 */
final class DayBuffer {
  // requests
  int numRequests;
  int[] reqUser = new int[1024];
  int[] reqMs = new int[1024];
  DeviceType[] reqDevice = new DeviceType[1024];
  UserSegment[] reqSegment = new UserSegment[1024];
  ClickHistory[] reqHistory = new ClickHistory[1024];

  // exposures
  int numExposures;
  int[] expRequest = new int[8192];
  int[] expItem = new int[8192];
  int[] expPosition = new int[8192];
  double[] expPClick = new double[8192];
  double[] expPConv = new double[8192];
  double[] expPStatic = new double[8192];
  int[] expClickMs = new int[8192];
  int[] expOrderMs = new int[8192];
  double[] expAmount = new double[8192];

  void clear() {
    Arrays.fill(reqHistory, 0, numRequests, null);
    numRequests = 0;
    numExposures = 0;
  }

  int addRequest(int user, int ms, DeviceType device, UserSegment segment, ClickHistory history) {
    if (numRequests == reqUser.length) {
      int n = numRequests * 2;
      reqUser = Arrays.copyOf(reqUser, n);
      reqMs = Arrays.copyOf(reqMs, n);
      reqDevice = Arrays.copyOf(reqDevice, n);
      reqSegment = Arrays.copyOf(reqSegment, n);
      reqHistory = Arrays.copyOf(reqHistory, n);
    }
    int r = numRequests++;
    reqUser[r] = user;
    reqMs[r] = ms;
    reqDevice[r] = device;
    reqSegment[r] = segment;
    reqHistory[r] = history;
    return r;
  }

  int addExposure(
      int request, int item, int position, double pClick, double pConv, double pStatic) {
    if (numExposures == expRequest.length) {
      int n = numExposures * 2;
      expRequest = Arrays.copyOf(expRequest, n);
      expItem = Arrays.copyOf(expItem, n);
      expPosition = Arrays.copyOf(expPosition, n);
      expPClick = Arrays.copyOf(expPClick, n);
      expPConv = Arrays.copyOf(expPConv, n);
      expPStatic = Arrays.copyOf(expPStatic, n);
      expClickMs = Arrays.copyOf(expClickMs, n);
      expOrderMs = Arrays.copyOf(expOrderMs, n);
      expAmount = Arrays.copyOf(expAmount, n);
    }
    int e = numExposures++;
    expRequest[e] = request;
    expItem[e] = item;
    expPosition[e] = position;
    expPClick[e] = pClick;
    expPConv[e] = pConv;
    expPStatic[e] = pStatic;
    expClickMs[e] = -1;
    expOrderMs[e] = -1;
    expAmount[e] = 0.0;
    return e;
  }
}

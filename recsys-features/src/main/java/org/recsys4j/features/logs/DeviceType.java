package org.recsys4j.features.logs;

/** The client a request came from. */
public enum DeviceType {
  /** The native mobile app. */
  APP,
  /** A browser on a phone. */
  MOBILE_WEB,
  /** A browser on a desktop or laptop. */
  DESKTOP
}

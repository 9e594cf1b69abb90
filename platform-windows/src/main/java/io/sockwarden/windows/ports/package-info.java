/**
 * The TCP dynamic (ephemeral) port range and excluded port ranges: read from WMI {@code
 * MSFT_NetTCPSetting} and {@code netsh}, whose localized output is parsed for numbers only, and set
 * with {@code netsh int ipv4|ipv6 set dynamicport}.
 */
package io.sockwarden.windows.ports;

/** The persistent sysctl configuration: file syntax and sysctl.d(5) precedence. */
package io.sockwarden.linux.sysctl;

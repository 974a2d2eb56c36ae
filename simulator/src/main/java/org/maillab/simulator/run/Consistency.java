package org.maillab.simulator.run;

/**
 * How far devices of one account disagree after everybody has checked one last time.
 *
 * @param devicePairs       pairs of surviving devices of the same account compared
 * @param missingOnOne      messages present on one device of a pair but not the other (summed over pairs)
 * @param readStateDiffers  messages on both whose read state differs
 * @param folderDiffers     messages on both filed in different folders
 */
public record Consistency(int devicePairs, int missingOnOne, int readStateDiffers, int folderDiffers) {

    public int total() {
        return missingOnOne + readStateDiffers + folderDiffers;
    }
}

from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.get("/grade/{score}")
def grade(score: int):  # expect: fat-handler
    if score < 0:
        raise HTTPException(status_code=422, detail="negative")
    if score > 95:
        return "A+"
    elif score > 90:
        return "A"
    elif score > 80:
        return "B"
    elif score > 70:
        return "C"
    elif score > 60:
        return "D"
    elif score > 50:
        return "E"
    elif score > 40:
        return "F"
    elif score > 30:
        return "G"
    elif score > 20:
        return "H"
    elif score > 10 and score % 2 == 0:
        return "I"
    elif score > 5 or score == 3:
        return "J"
    elif score == 1:
        return "L"
    return "K"
